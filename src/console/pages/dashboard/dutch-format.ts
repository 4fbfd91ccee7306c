/**
 * Days, times and numbers on the dashboard, in Dutch. Days are the Dutch days the queries grouped by
 * (src/console/dashboard/amsterdam-days.ts), written YYYY-MM-DD, so they are formatted as dates
 * without a time zone of their own; times are shown in Dutch time.
 */
const shortDay = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("nl-NL", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const clock = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" });
const number = new Intl.NumberFormat("nl-NL");

/** "3 nov." */
export const formatShortDay = (day: string): string => shortDay.format(Date.parse(`${day}T00:00:00Z`));

/** "maandag 3 november 2025" */
export const formatLongDay = (day: string): string => longDay.format(Date.parse(`${day}T00:00:00Z`));

/** "01:00" (Dutch time) */
export const formatClock = (ms: number): string => clock.format(ms);

/** "12.345" */
export const formatNumber = (n: number): string => number.format(n);
