/**
 * A text cut into plain parts and `((placeholder))` parts, so a preview can mark the fields the
 * sender still fills in, with the renderer's own pattern.
 */
import { PLACEHOLDER } from "../../notifications/render/placeholders";

export interface TextSegment {
  text: string;
  placeholder: boolean;
}

export function placeholderSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), placeholder: false });
    segments.push({ text: match[0], placeholder: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), placeholder: false });
  return segments;
}
