/** Times on console pages: Dutch clock time (Europe/Amsterdam, summer and winter time), to the minute. */
const amsterdam = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "2 december 2026 om 14:41" */
export function dutchDateTime(ms: number): string {
  return amsterdam.format(new Date(ms));
}
