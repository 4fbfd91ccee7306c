/**
 * Parser for Notify's email markdown subset (UK-UTILS `markdown.py`, UK-ADMIN formatting guidance):
 * `#` and `##` headings, bullet lists (`*`, `-`, `•`), numbered lists (`1.`), inset text (`^`),
 * horizontal rules (`---`), `[links](https://…)`, bare URLs, paragraphs and line breaks.
 * Emphasis, bold, strikethrough and code are not supported: their markers stay as plain text.
 * A backslash before ASCII punctuation makes it literal (that is how `sanitise_content_for` works).
 *
 * Deliberate differences from Notify's mistune setup, chosen to be less surprising:
 * a heading needs a space after the `#`s ("#1" stays text), a list may start right after a
 * paragraph line, `---` under a line is a rule (never a setext heading), and only URLs that start
 * with `http(s)://` or `www.` are linked (so "bijlage.pdf" does not become a link).
 */

export type Inline = { type: "text"; text: string } | { type: "link"; href: string; text: string } | { type: "break" };

export type Block =
  | { type: "heading"; level: 2 | 3; content: Inline[] }
  | { type: "paragraph"; content: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Inline[][] }
  | { type: "inset"; blocks: Block[] }
  | { type: "rule" };

const RULE = /^ {0,3}([-*_])(?: *\1){2,} *$/;
const HEADING_START = /^ {0,3}(#{1,6})[ \t]+/;
const INSET = /^ {0,3}\^ ?/;
const BULLET = /^ {0,3}[*\-•][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;

// One pass over inline text: a backslash escape, a markdown link, or a bare URL (not inside a word).
// Link text excludes `[` so that a run of `[` costs one attempt each, not a scan to the end each.
const INLINE =
  /\\([!-/:-@[-`{-~])|\[([^[\]\n]*)\]\(((?:https?:\/\/|mailto:)(?:[^\s()]|\([^\s()]*\))+)\)|(?<![\w@./\\])(?:https?:\/\/|www\.)[^\s<>]+/gi;

const blank = (line: string) => line.trim() === "";
const startsBlock = (line: string) =>
  RULE.test(line) || HEADING_START.test(line) || INSET.test(line) || BULLET.test(line) || NUMBERED.test(line);

/** Parses markdown source into blocks. */
export function parseMarkdown(source: string): Block[] {
  return parseLines(source.replace(/\r\n?/g, "\n").split("\n"));
}

function parseLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (blank(line)) {
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    const heading = parseHeading(line);
    if (heading) {
      const { level } = heading;
      const content = parseInline(heading.text);
      // Notify renders # as h2 and ## as h3; deeper headings are just paragraphs.
      blocks.push(level <= 2 ? { type: "heading", level: level === 1 ? 2 : 3, content } : { type: "paragraph", content });
      i++;
      continue;
    }
    if (INSET.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !blank(lines[i] ?? "")) inner.push((lines[i++] ?? "").replace(INSET, ""));
      blocks.push({ type: "inset", blocks: parseLines(inner) });
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      i = parseList(lines, i, blocks);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !blank(lines[i] ?? "") && (paragraph.length === 0 || !startsBlock(lines[i] ?? ""))) {
      paragraph.push((lines[i++] ?? "").trim());
    }
    blocks.push({ type: "paragraph", content: parseInline(paragraph.join("\n")) });
  }
  return blocks;
}

/**
 * `#` to `######`, a space, the text, optionally closed by a run of `#` after a space. Read with a
 * fixed-prefix regex and string trimming: the one-regex form backtracks over trailing spaces.
 */
function parseHeading(line: string): { level: number; text: string } | null {
  const start = HEADING_START.exec(line);
  if (!start) return null;
  const hashes = (start[1] ?? "").length;
  let text = trimEnd(line.slice(start[0].length), " \t");
  if (/[\r\u2028\u2029]/.test(text)) return null; // not a line for `.` in the original rule
  const closing = trimEnd(text, "#");
  // A closing run of #s needs a space before it; text of nothing but #s is kept as it is.
  const spaceBefore = closing !== "" && /[ \t]$/.test(closing);
  if (closing !== text && spaceBefore) text = trimEnd(closing, " \t");
  return { level: hashes, text };
}

/** `text` without the trailing characters that are in `characters` (a loop: no regex backtracking). */
function trimEnd(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1] ?? "")) end--;
  return text.slice(0, end);
}

/** Reads one list starting at `start`; items may be separated by blank lines and continue on plain lines. */
function parseList(lines: string[], start: number, blocks: Block[]): number {
  const ordered = NUMBERED.test(lines[start] ?? "");
  const marker = ordered ? NUMBERED : BULLET;
  const items: string[][] = [];
  let first = 1;
  let i = start;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    const item = marker.exec(line);
    if (item) {
      if (ordered && items.length === 0) first = Number(item[1]);
      items.push([(ordered ? item[2] : item[1]) ?? ""]);
      i++;
    } else if (blank(line)) {
      // A blank line ends the list unless the next non-blank line is another item of the same kind.
      let next = i;
      while (next < lines.length && blank(lines[next] ?? "")) next++;
      if (next >= lines.length || !marker.test(lines[next] ?? "")) break;
      i = next;
    } else if (!startsBlock(line)) {
      items[items.length - 1]?.push(line.trim());
      i++;
    } else {
      break;
    }
  }
  blocks.push({ type: "list", ordered, start: first, items: items.map((item) => parseInline(item.join("\n").trim())) });
  return i;
}

/** Parses inline text into text runs, links and line breaks. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pushText = (value: string) => {
    const parts = value.split("\n");
    parts.forEach((part, index) => {
      if (index > 0) out.push({ type: "break" });
      const previous = out[out.length - 1];
      if (part === "") return;
      if (previous?.type === "text") previous.text += part;
      else out.push({ type: "text", text: part });
    });
  };
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    pushText(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, escaped, linkText, linkHref] = match;
    if (escaped !== undefined) pushText(escaped);
    else if (linkHref !== undefined) out.push({ type: "link", href: linkHref, text: unescapeMarkdown(linkText ?? "") || linkHref });
    else last -= pushBareUrl(whole, out, pushText);
  }
  pushText(text.slice(last));
  return out;
}

/**
 * Links a bare URL without the punctuation that ends the sentence around it, as Notify's
 * `make_link_from_url` does: trailing `.`, `,`, `:` and unbalanced `)` or `]` stay outside.
 * Returns how many characters were given back to the surrounding text.
 */
function pushBareUrl(url: string, out: Inline[], pushText: (value: string) => void): number {
  const pairs: Record<string, string> = { ")": "(", "]": "[" };
  // Open minus close brackets of url.slice(0, end), kept up to date as `end` moves back.
  const balance: Record<string, number> = { ")": 0, "]": 0 };
  for (const character of url) {
    if (character === "(" || character === ")") balance[")"] = (balance[")"] ?? 0) + (character === "(" ? 1 : -1);
    if (character === "[" || character === "]") balance["]"] = (balance["]"] ?? 0) + (character === "[" ? 1 : -1);
  }
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1] ?? "";
    if (pairs[last] !== undefined) {
      if ((balance[last] ?? 0) >= 0) break;
      balance[last] = (balance[last] ?? 0) + 1;
    } else if (!".,:;!?'\"".includes(last)) {
      break;
    }
    end--;
  }
  const linked = url.slice(0, end);
  if (/^www\.$/i.test(linked) || linked === "") {
    pushText(url);
    return 0;
  }
  out.push({ type: "link", href: /^www\./i.test(linked) ? `https://${linked}` : linked, text: linked });
  return url.length - end;
}

/** Removes markdown backslash escapes (used for link text, which is not scanned again). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}
