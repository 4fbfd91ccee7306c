/**
 * The three kinds of API key in plain Dutch, with what each may do (the rules are in
 * src/notifications/ and src/admin/api-keys/api-key-object.ts): shown on the list and as the
 * choices of the new-key form.
 */
import type { KeyType } from "../../../admin/api-keys/api-key-object";
import type { Choice } from "../../ui/forms";

export const KEY_TYPE_LABELS: Record<KeyType, string> = {
  normal: "Live",
  team: "Team en proefontvangers",
  test: "Test",
};

export const KEY_TYPE_HINTS: Record<KeyType, string> = {
  normal: "Verstuurt echte berichten naar iedereen. Zolang de dienst in proefmodus is, alleen naar de proefontvangers.",
  team: "Verstuurt echte berichten, maar alleen naar de proefontvangers van deze dienst. Handig om te testen met echte telefoons en mailboxen.",
  test: "Verstuurt niets echt: berichten worden alleen nagebootst en kosten niets. Voor geautomatiseerde tests.",
};

export const KEY_TYPE_CHOICES: readonly Choice[] = (["normal", "team", "test"] as const).map((type) => ({
  value: type,
  label: KEY_TYPE_LABELS[type],
  hint: KEY_TYPE_HINTS[type],
}));

export function isKeyType(value: string): value is KeyType {
  return value === "normal" || value === "team" || value === "test";
}
