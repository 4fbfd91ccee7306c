// Readable output of the admin CLI: a list becomes a table (one row per item, the scalar fields as
// columns), an object becomes "key: value" lines, text (CSV) is printed as it came.

const MAX_CELL = 40;

/** Prints an admin API answer for a person; --json prints the raw JSON instead. */
export function printResult(result) {
  if (result === null || result === undefined) console.log("ok");
  else if (typeof result === "string") process.stdout.write(result.endsWith("\n") ? result : `${result}\n`);
  else {
    const listKey = Object.keys(result).find((key) => Array.isArray(result[key]) && result[key].every(isObject));
    if (listKey && result[listKey].length > 0) {
      printTable(result[listKey]);
      console.log(`(${result[listKey].length} ${listKey.replaceAll("_", " ")})`);
    } else if (listKey) console.log(`(no ${listKey.replaceAll("_", " ")})`);
    else printObject(result);
    if (result.links?.next) console.log(`next page: add --after ${new URL(result.links.next).searchParams.get("after")}`);
  }
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** One row per item; columns are the scalar fields (arrays joined), cells cut at MAX_CELL characters. */
export function printTable(items) {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item).filter((key) => !isObject(item[key]))))];
  const cells = items.map((item) => columns.map((column) => cell(item[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i].length)));
  const line = (values) =>
    values
      .map((value, i) => value.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of cells) console.log(line(row));
}

function cell(value) {
  if (value === null || value === undefined) return "-";
  const text = Array.isArray(value) ? value.join(",") : String(value).replaceAll("\n", " ");
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** "key: value" lines; nested objects indented, multi-line strings as a block. */
export function printObject(value, indent = "") {
  for (const [key, item] of Object.entries(value)) {
    if (Array.isArray(item) && item.some(isObject)) {
      console.log(`${indent}${key}:`);
      printTable(item);
    } else if (Array.isArray(item)) console.log(`${indent}${key}: ${item.join(", ")}`);
    else if (isObject(item)) {
      console.log(`${indent}${key}:`);
      printObject(item, `${indent}  `);
    } else if (typeof item === "string" && item.includes("\n")) {
      console.log(`${indent}${key}: |`);
      for (const line of item.split("\n")) console.log(`${indent}  ${line}`);
    } else console.log(`${indent}${key}: ${item ?? "-"}`);
  }
}
