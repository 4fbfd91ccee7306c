// Flag types and converters shared by the admin CLI's commands.
import { readFileSync } from "node:fs";

/** Raised for a usage problem; printed as one line with a hint. */
export class UsageError extends Error {}

/** The admin API's base path (the major version is in the URI). */
export const API = "/admin/v1";

export const str = { type: "string" };
export const bool = { type: "boolean", default: false };
/** The flags of every command on one service. */
export const SERVICE = { "service-id": str, "organisation-id": str };
/** The flags of every paged list: --page-size (1-500) and --after <id of the last row shown>. */
export const PAGE = { "page-size": str, after: str };
/** The query of a paged list from its flags. */
export const pageOf = (flags) => ({ pageSize: flags["page-size"], after: flags.after });

export function int(flags, name) {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}

export function boolFlag(flags, name) {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (raw !== "true" && raw !== "false") throw new UsageError(`--${name} must be true or false, got '${raw}'`);
  return raw === "true";
}

/** A comma-separated list flag ("sms,email"), or undefined. */
export function list(flags, name) {
  return flags[name]
    ?.split(",")
    .map((p) => p.trim())
    .filter(Boolean);
}

/** `/admin/v1/services/<id><suffix>?organisationId=...&<query>`; undefined query values are left out. */
export function servicePath(flags, suffix = "", query = {}) {
  const params = new URLSearchParams();
  if (flags["organisation-id"]) params.set("organisationId", flags["organisation-id"]);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.size > 0 ? `?${params}` : "";
  return `${API}/services/${encodeURIComponent(flags["service-id"])}${suffix}${search}`;
}

/** `<path>?<query>` with undefined values left out. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  return params.size > 0 ? `${path}?${params}` : path;
}

/** An id flag as a path segment. */
export const segment = (flags, name) => encodeURIComponent(flags[name]);

export function templateBody(flags, required) {
  if (flags.body !== undefined && flags["body-file"] !== undefined) throw new UsageError("give --body or --body-file, not both");
  if (flags["body-file"] !== undefined) {
    try {
      return readFileSync(flags["body-file"], "utf8");
    } catch (error) {
      throw new UsageError(`cannot read --body-file: ${error.message}`);
    }
  }
  if (flags.body === undefined && required) throw new UsageError("missing --body or --body-file");
  return flags.body;
}
