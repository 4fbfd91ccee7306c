/**
 * Words and times of the printable evidence page, in plain Dutch (B1): a citizen reads it, not
 * only an engineer. Every label keeps the code beside it on the page (e.g. "Afgeleverd
 * (delivered)"), so the page and the JSON export can be matched line by line. Times are shown in
 * Dutch time (Europe/Amsterdam, summer and winter time) because that is the clock the reader
 * knows; the UTC time stands beside it, as the API reports it. The provider (CM.com, the mail
 * server) is called the "verzendpartij" on the page, a word a reader without IT knowledge knows.
 */

const STATUS: Record<string, string> = {
  created: "Aangemaakt",
  sending: "Wordt verstuurd",
  sent: "Verstuurd",
  pending: "Onderweg",
  delivered: "Afgeleverd",
  "temporary-failure": "Tijdelijk niet afgeleverd",
  "permanent-failure": "Niet afgeleverd",
  "technical-failure": "Technische fout",
  cancelled: "Geannuleerd",
};

const SOURCE: Record<string, string> = {
  api: "De organisatie (API)",
  bulk: "De organisatie (bulkopdracht)",
  dispatch: "Doorgegeven aan de verzendpartij",
  provider: "Bericht van de verzendpartij",
  retry: "Tweede poging",
  fallback: "Vervolgbericht",
  cron: "Automatische controle",
  "api-cancel": "Geannuleerd door de organisatie",
  "job-cancel": "Bulkopdracht geannuleerd",
  "dead-letter": "Verzenden lukte niet",
};

const KEY_TYPE: Record<string, string> = { normal: "live", team: "team", test: "test" };

export const statusLabel = (status: string): string => STATUS[status] ?? status;
export const sourceLabel = (source: string | null): string => (source === null ? "Onbekend" : (SOURCE[source] ?? source));
export const keyTypeLabel = (keyType: string): string => KEY_TYPE[keyType] ?? keyType;
export const channelLabel = (channel: "sms" | "email"): string => (channel === "sms" ? "Sms" : "E-mail");

const amsterdam = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  fractionalSecondDigits: 3,
  timeZoneName: "short",
});

/** "2 december 2026 om 14:41:11,123 CET" */
export function dutchTime(ms: number): string {
  return amsterdam.format(new Date(ms));
}

/** "2026-12-02 13:41:11.123 UTC" */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace("T", " ")} UTC`;
}
