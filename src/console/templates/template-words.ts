/**
 * The Dutch words the template pages use for the stored codes (type, priority lane) and for
 * times. Times are Dutch time (Europe/Amsterdam, summer and winter time), the clock the reader
 * knows, as the evidence pages do (src/notifications/evidence/dutch-labels.ts).
 */
import type { TemplatePriority, TemplateType } from "../../admin/templates/template-object";

export const TYPE_LABELS: Record<TemplateType, string> = { sms: "Sms", email: "E-mail" };

/** The priority lanes as the user picks them, with what each means (the OrgGate empties the lanes in this order). */
export const PRIORITY_CHOICES: readonly { value: TemplatePriority; label: string; hint: string }[] = [
  {
    value: "priority",
    label: "Spoed",
    hint: "Voor berichten die meteen moeten aankomen, zoals een inlogcode. Deze gaan voor alle andere berichten.",
  },
  {
    value: "normal",
    label: "Normaal",
    hint: "Voor de meeste berichten, zoals een bevestiging of een herinnering.",
  },
  {
    value: "bulk",
    label: "Bulk",
    hint: "Voor veel berichten tegelijk die geen haast hebben, zoals een nieuwsbrief. Deze gaan pas als er geen spoed- en normale berichten wachten.",
  },
];

export function priorityLabel(priority: TemplatePriority): string {
  return PRIORITY_CHOICES.find((choice) => choice.value === priority)?.label ?? priority;
}

export { dutchDateTime } from "../ui/dutch-date-time";
