/**
 * What an SMS template will look like when sent, rendered as src/notifications/render/sms.ts
 * sends it: Notify's clean-up, the character set, the character count and the fragments a
 * message costs. Placeholders without a value stay as written, marked, so the counts are those
 * of the template as it stands (a filled-in value makes the message longer or shorter).
 */
import { SMS_CHAR_LIMIT } from "../../admin/templates/template-rules";
import { GSM_BASIC, GSM_EXTENSION } from "../../lib/gsm-alphabet";
import { renderSms, type SmsEncoding } from "../../notifications/render/sms";
import { placeholderSegments, type TextSegment } from "./placeholder-segments";

export interface SmsPreview {
  segments: TextSegment[];
  encoding: SmsEncoding;
  characterCount: number;
  fragments: number;
  /** The characters outside the standard set that make the message Unicode, each once (at most 10). */
  unicodeCharacters: string[];
  /** The template's length as the save check counts it (src/admin/templates/template-rules.ts). */
  templateLength: number;
  tooLong: boolean;
}

export function smsPreview(body: string): SmsPreview {
  const sms = renderSms(body, {});
  const templateLength = [...body].length;
  return {
    segments: placeholderSegments(sms.content),
    encoding: sms.encoding,
    characterCount: sms.characterCount,
    fragments: sms.content === "" ? 0 : sms.fragments,
    unicodeCharacters: sms.encoding === "ucs2" ? nonGsmCharacters(sms.content) : [],
    templateLength,
    tooLong: templateLength > SMS_CHAR_LIMIT,
  };
}

function nonGsmCharacters(content: string): string[] {
  const found = new Set<string>();
  for (const character of content) {
    if (!GSM_BASIC.has(character) && !GSM_EXTENSION.has(character)) found.add(character);
    if (found.size === 10) break;
  }
  return [...found];
}
