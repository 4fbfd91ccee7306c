/**
 * Just enough XML for CM.com's fixed status-report shape, read by hand so no XML
 * library (and none of its entity or DTD features) ever sees a hostile body. Linear scans only:
 * no backtracking regex can be made to run long. Anything unexpected is a MalformedBody.
 */
import { MalformedBody } from "./malformed-body";

const MAX_RECORDS = 100;
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** One `<MSG>` element: its attributes text and inner XML. */
export interface XmlRecord {
  attributes: string;
  inner: string;
}

/** The `<MSG>` records inside `<MESSAGES>`; throws MalformedBody for anything else. */
export function xmlRecords(text: string, root: string, record: string): XmlRecord[] {
  // No DOCTYPE, entity declarations, comments, CDATA or processing instructions (except the declaration).
  if (text.includes("<!")) throw new MalformedBody("XML declarations are not accepted");
  const body = text
    .trim()
    .replace(/^<\?xml[^?>]{0,200}\?>/i, "")
    .trim();
  if (body.includes("<?")) throw new MalformedBody("XML processing instructions are not accepted");
  const upper = asciiUpper(body);
  const open = `<${root}`;
  const close = `</${root}>`;
  if (!upper.startsWith(open) || !/[\s>]/.test(upper.charAt(open.length)) || !upper.endsWith(close)) {
    throw new MalformedBody(`expected a <${root}> document`);
  }
  const records: XmlRecord[] = [];
  const recordOpen = `<${record}`;
  const recordClose = `</${record}>`;
  let from = 0;
  for (;;) {
    const start = upper.indexOf(recordOpen, from);
    if (start < 0) break;
    if (!/[\s>]/.test(upper.charAt(start + recordOpen.length))) {
      from = start + 1;
      continue;
    }
    const tagEnd = upper.indexOf(">", start);
    const end = upper.indexOf(recordClose, tagEnd);
    if (tagEnd < 0 || end < 0) throw new MalformedBody(`unterminated <${record}>`);
    if (records.length >= MAX_RECORDS) throw new MalformedBody("too many records");
    records.push({ attributes: body.slice(start + recordOpen.length, tagEnd), inner: body.slice(tagEnd + 1, end) });
    from = end + recordClose.length;
  }
  if (records.length === 0) throw new MalformedBody(`no <${record}> element`);
  return records;
}

/** The text of the first `<name>…</name>` child (no nested elements allowed), or "" when absent. */
export function xmlText(inner: string, name: string): string {
  const upper = asciiUpper(inner);
  const start = upper.indexOf(`<${name}>`);
  if (start < 0) return "";
  const from = start + name.length + 2;
  const end = upper.indexOf(`</${name}>`, from);
  if (end < 0) throw new MalformedBody(`unterminated <${name}>`);
  const raw = inner.slice(from, end);
  if (raw.includes("<")) throw new MalformedBody(`unexpected markup in <${name}>`);
  return decodeEntities(raw);
}

/** The inner XML of the first `<name>…</name>` child (for STATUS), or "" when absent. */
export function xmlElement(inner: string, name: string): string {
  const upper = asciiUpper(inner);
  const start = upper.indexOf(`<${name}>`);
  if (start < 0) return "";
  const end = upper.indexOf(`</${name}>`, start);
  if (end < 0) throw new MalformedBody(`unterminated <${name}>`);
  return inner.slice(start + name.length + 2, end);
}

/** A double-quoted attribute value from an attributes string, or "". */
export function xmlAttribute(attributes: string, name: string): string {
  const upper = asciiUpper(attributes);
  const at = upper.indexOf(`${name}="`);
  if (at < 0) return "";
  const from = at + name.length + 2;
  const end = attributes.indexOf('"', from);
  if (end < 0) throw new MalformedBody(`unterminated attribute ${name}`);
  return decodeEntities(attributes.slice(from, end));
}

function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]{1,10});/g, (_, name: string) => {
    if (Object.hasOwn(ENTITIES, name)) return ENTITIES[name] ?? "";
    const code =
      name.startsWith("#x") || name.startsWith("#X") ? parseInt(name.slice(2), 16) : name.startsWith("#") ? Number(name.slice(1)) : NaN;
    if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) throw new MalformedBody("unknown XML entity");
    return String.fromCodePoint(code);
  });
}

/** Upper-cases ASCII letters only, so indexes stay aligned with the original string. */
function asciiUpper(text: string): string {
  return text.replace(/[a-z]+/g, (s) => s.toUpperCase());
}
