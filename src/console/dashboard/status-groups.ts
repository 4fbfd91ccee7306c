/**
 * The four groups the dashboard shows a notification status in (src/db/tables/messages.ts has the
 * statuses, src/notifications/statuses.ts what they mean). A Record over every status, so a new
 * status does not compile until someone decides where it belongs. `sent` is delivered as far as we
 * will ever know (an email the mail server accepted); `cancelled` is its own group, neither on its
 * way nor failed.
 */
import type { NotificationStatus } from "../../db/schema";

export const STATUS_GROUPS = ["afgeleverd", "onderweg", "mislukt", "geannuleerd"] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

const GROUP_OF_STATUS: Readonly<Record<NotificationStatus, StatusGroup>> = {
  created: "onderweg",
  sending: "onderweg",
  pending: "onderweg",
  sent: "afgeleverd",
  delivered: "afgeleverd",
  "temporary-failure": "mislukt",
  "permanent-failure": "mislukt",
  "technical-failure": "mislukt",
  cancelled: "geannuleerd",
};

export const GROUP_LABEL: Readonly<Record<StatusGroup, string>> = {
  afgeleverd: "Afgeleverd",
  onderweg: "Onderweg",
  mislukt: "Mislukt",
  geannuleerd: "Geannuleerd",
};

/** The statuses of the group "mislukt", in the order the page lists them. */
export const FAILURE_STATUSES = (Object.keys(GROUP_OF_STATUS) as NotificationStatus[]).filter((s) => GROUP_OF_STATUS[s] === "mislukt");

/** The group of a status read from the database (an unknown one counts as on its way). */
export function groupOf(status: string): StatusGroup {
  return GROUP_OF_STATUS[status as NotificationStatus] ?? "onderweg";
}
