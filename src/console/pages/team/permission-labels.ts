/** The Dutch words for a team member's permissions, and the checkboxes that set them. */

import type { ConsolePermission } from "../../../db/schema";
import { withView } from "../../accounts/console-permissions";
import type { Choice } from "../../ui/forms";

export const PERMISSION_LABELS: Record<ConsolePermission, string> = {
  view: "Berichten bekijken",
  send: "Berichten versturen",
  manage_templates: "Sjablonen beheren",
  manage_service: "Team en instellingen beheren",
  manage_api_keys: "API-sleutels beheren",
};

/** The form field of the checkboxes. */
export const PERMISSIONS_FIELD = "rechten";

export const PERMISSION_CHOICES: readonly Choice[] = [
  { value: "view", label: PERMISSION_LABELS.view, hint: "Altijd aan: iedereen in het team kan berichten bekijken.", disabled: true },
  { value: "send", label: PERMISSION_LABELS.send },
  { value: "manage_templates", label: PERMISSION_LABELS.manage_templates },
  {
    value: "manage_service",
    label: PERMISSION_LABELS.manage_service,
    hint: "Mensen uitnodigen, rechten wijzigen en teamleden verwijderen.",
  },
  { value: "manage_api_keys", label: PERMISSION_LABELS.manage_api_keys },
];

/** "Berichten bekijken, Berichten versturen" */
export function permissionWords(permissions: readonly ConsolePermission[]): string {
  return withView(permissions)
    .map((permission) => PERMISSION_LABELS[permission])
    .join(", ");
}

/** The checked boxes of a posted form, with `view`. */
export function postedPermissions(form: URLSearchParams): ConsolePermission[] {
  return withView(form.getAll(PERMISSIONS_FIELD).slice(0, 10));
}

/** The value a ChoiceGroup reads to check its boxes. */
export function permissionsValue(permissions: readonly ConsolePermission[]): string {
  return withView(permissions).join(",");
}
