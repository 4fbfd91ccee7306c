/** Times on the team pages in Dutch, on the Amsterdam clock: "4 december 2026 om 14:41". */
const formatter = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export function dutchDateTime(ms: number): string {
  return formatter.format(new Date(ms));
}
