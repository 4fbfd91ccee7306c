/**
 * The fields a sender must fill in for a template: its placeholder names
 * (src/notifications/render/placeholders.ts), from the subject first and then the body, each once.
 */
import { normaliseKey, placeholderNames } from "../../notifications/render/placeholders";

export function senderFields(subject: string | null, body: string): string[] {
  const fields = new Map<string, string>();
  // Subject and body separately: joined, a "((" at the end of one and a "))" in the other would read as one placeholder.
  for (const part of [subject ?? "", body]) {
    for (const name of placeholderNames(part)) {
      if (!fields.has(normaliseKey(name))) fields.set(normaliseKey(name), name);
    }
  }
  return [...fields.values()];
}
