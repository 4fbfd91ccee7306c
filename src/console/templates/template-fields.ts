/**
 * The fields a sender must fill in for a template: its placeholder names
 * (src/notifications/render/placeholders.ts), from the subject first and then the body, each once.
 */
import { missingPersonalisation } from "../../notifications/render/placeholders";

/** With nothing filled in, every placeholder is missing: the same names, in the same order, as the API's error lists. */
export function senderFields(subject: string | null, body: string): string[] {
  return missingPersonalisation([subject ?? "", body], {});
}
