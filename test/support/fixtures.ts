/**
 * Tenant fixtures for workerd tests. Everything is created through the real admin API
 * (`exports.default.fetch`), so fixtures get the same defaults, encryption and audit rows as
 * production data. Storage is per test file, so create tenants in `beforeAll` and share them.
 *
 *   const tenant = await createTenant({ restricted: true, teamMembers: [{ phone_number: "0612345678" }] });
 *   const res = await apiFetch("/v2/notifications/sms", tenant.keys.normal, { method: "POST", body: { ... } });
 */

import { env, exports } from "cloudflare:workers";
import { sign } from "@tsndr/cloudflare-worker-jwt";

/** Base URL for requests into the Worker under test (the host is not used for routing). */
export const BASE_URL = "http://notifynl.test";

/** An absolute URL for `path` on the Worker under test. */
export function url(path: string): string {
  return `${BASE_URL}${path}`;
}

/** `fetch` into the Worker with the admin token; `body` objects are sent as JSON. */
export async function adminFetch(path: string, init: FetchInit = {}): Promise<Response> {
  return exports.default.fetch(url(path), withJson(init, `Bearer ${env.ADMIN_TOKEN}`));
}

/** RequestInit whose `body` may be any JSON value (sent as JSON) or a string (sent as is). */
export type FetchInit = Omit<RequestInit, "body"> & { body?: unknown };

function withJson(init: FetchInit, authorization: string): RequestInit {
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) headers.set("authorization", authorization);
  if (typeof init.body === "string" || init.body === undefined) return { ...init, headers, body: init.body };
  headers.set("content-type", "application/json");
  return { ...init, headers, body: JSON.stringify(init.body) };
}

/** An admin call that must answer `expectedStatus`; returns the parsed JSON, or throws with the body. */
export async function adminJson<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  expectedStatus = method === "POST" ? 201 : 200,
): Promise<T> {
  const response = await adminFetch(path, { method, body });
  const text = await response.text();
  if (response.status !== expectedStatus) {
    throw new Error(`${method} ${path}: expected ${expectedStatus}, got ${response.status}: ${text}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

/** A created API key: `key` is the full string a Notify client is configured with. */
export interface TenantKey {
  id: string;
  name: string;
  keyType: "normal" | "team" | "test";
  /** `<name>-<service_id>-<secret>` */
  key: string;
  /** The uuid4 secret (the last 36 characters of `key`); JWTs are signed with it. */
  secret: string;
}

export interface TenantOptions {
  /** Reuse an organisation (e.g. two services of one organisation share an OrgGate). Default: a new one. */
  organisationId?: string;
  /** Organisation send rate (messages/minute) when a new organisation is created. */
  sendRatePerMinute?: number;
  /** Default here is false (live), unlike the admin API's default (trial mode): most tests send to anyone. */
  restricted?: boolean;
  permissions?: ("sms" | "email" | "international_sms")[];
  rateLimit?: number;
  smsDailyLimit?: number;
  emailDailyLimit?: number;
  retentionDays?: number;
  /** Wmebv second attempt for SMS and email (src/notifications/second-attempt.ts); default: the service's (SMS on). */
  retry?: boolean;
  smsSender?: string;
  emailFrom?: string;
  /** Extra fields for the SMS template (default body "Hallo ((naam)), uw code is ((code)).", priority normal). */
  smsTemplate?: { name?: string; body?: string; priority?: "priority" | "normal" | "bulk" };
  /** Extra fields for the email template (default subject "Bericht voor ((naam))"). */
  emailTemplate?: { name?: string; subject?: string; body?: string; priority?: "priority" | "normal" | "bulk" };
  /** Team members to add (trial mode and team keys may only send to these). */
  teamMembers?: { email_address?: string; phone_number?: string }[];
  /** SMS senders to add, in order (the first becomes the default). */
  smsSenders?: { sms_sender: string; is_default?: boolean; inbound_number?: boolean }[];
  /** Reply-to addresses to add, in order (the first becomes the default). */
  replyTos?: { email_address: string; is_default?: boolean }[];
  /** Service callbacks (the URL must be allowed by ALLOW_PRIVATE_CALLBACK_URLS, true in tests). */
  deliveryStatusCallback?: { url: string; bearer_token: string };
  inboundSmsCallback?: { url: string; bearer_token: string };
}

export interface Tenant {
  organisationId: string;
  serviceId: string;
  /** The admin API's service object, as created. */
  service: Record<string, unknown>;
  keys: { normal: TenantKey; team: TenantKey; test: TenantKey };
  smsTemplateId: string;
  emailTemplateId: string;
  /** Ids of the SMS senders and reply-to addresses created from the options, in order. */
  smsSenderIds: string[];
  replyToIds: string[];
  teamMemberIds: string[];
}

let counter = 0;

/** A unique suffix for names that must be unique (organisation, service, key names). */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix} ${counter} ${crypto.randomUUID().slice(0, 8)}`;
}

/** Creates an organisation (unless given), a service, one key of each type, an SMS and an email template. */
export async function createTenant(options: TenantOptions = {}): Promise<Tenant> {
  const organisationId =
    options.organisationId ??
    (
      await adminJson<{ id: string }>("POST", "/admin/v1/organisations", {
        name: uniqueName("Gemeente Test"),
        ...(options.sendRatePerMinute !== undefined ? { send_rate_per_minute: options.sendRatePerMinute } : {}),
      })
    ).id;
  const service = await adminJson<Record<string, unknown> & { id: string }>("POST", "/admin/v1/services", {
    organisation_id: organisationId,
    name: uniqueName("Dienst"),
    restricted: options.restricted ?? false,
    ...defined({
      permissions: options.permissions,
      rate_limit: options.rateLimit,
      sms_daily_limit: options.smsDailyLimit,
      email_daily_limit: options.emailDailyLimit,
      retention_days: options.retentionDays,
      retry_sms: options.retry,
      retry_email: options.retry,
      sms_sender: options.smsSender,
      email_from: options.emailFrom,
    }),
  });
  const base = `/admin/v1/services/${service.id}`;
  const key = async (keyType: TenantKey["keyType"]): Promise<TenantKey> => {
    const created = await adminJson<{ id: string; name: string; key: string }>("POST", `${base}/api-keys`, {
      name: `${keyType} key`,
      key_type: keyType,
    });
    return { id: created.id, name: created.name, keyType, key: created.key, secret: created.key.slice(-36) };
  };
  const keys = { normal: await key("normal"), team: await key("team"), test: await key("test") };
  const sms = await adminJson<{ id: string }>("POST", `${base}/templates`, {
    name: options.smsTemplate?.name ?? "SMS template",
    type: "sms",
    body: options.smsTemplate?.body ?? "Hallo ((naam)), uw code is ((code)).",
    priority: options.smsTemplate?.priority ?? "normal",
  });
  const email = await adminJson<{ id: string }>("POST", `${base}/templates`, {
    name: options.emailTemplate?.name ?? "Email template",
    type: "email",
    subject: options.emailTemplate?.subject ?? "Bericht voor ((naam))",
    body: options.emailTemplate?.body ?? "Beste ((naam)),\n\nUw aanvraag is ontvangen.\n\nMet vriendelijke groet",
    priority: options.emailTemplate?.priority ?? "normal",
  });
  const createAll = async (path: string, items: readonly object[] | undefined): Promise<string[]> => {
    const ids: string[] = [];
    for (const item of items ?? []) ids.push((await adminJson<{ id: string }>("POST", `${base}/${path}`, item)).id);
    return ids;
  };
  const smsSenderIds = await createAll("sms-senders", options.smsSenders);
  const replyToIds = await createAll("email-reply-to", options.replyTos);
  const teamMemberIds = await createAll("team-members", options.teamMembers);
  if (options.deliveryStatusCallback) await adminJson("PUT", `${base}/callbacks/delivery-status`, options.deliveryStatusCallback);
  if (options.inboundSmsCallback) await adminJson("PUT", `${base}/callbacks/inbound-sms`, options.inboundSmsCallback);
  return {
    organisationId,
    serviceId: service.id,
    service,
    keys,
    smsTemplateId: sms.id,
    emailTemplateId: email.id,
    smsSenderIds,
    replyToIds,
    teamMemberIds,
  };
}

/**
 * The JWT a Notify client sends for `key` (a TenantKey or a full key string): HS256 over
 * {iss: service id, iat}, signed with the key's secret. `iat` (epoch seconds) defaults to now.
 */
export async function jwtFor(key: TenantKey | string, options: { iat?: number } = {}): Promise<string> {
  const full = typeof key === "string" ? key : key.key;
  // Clients read the ids by position from the end, as here (the name part may contain "-").
  const serviceId = full.slice(-73, -37);
  const secret = full.slice(-36);
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  return sign({ iss: serviceId, iat }, secret, { algorithm: "HS256" });
}

/** `fetch` into the public API as a Notify client with `key`; `body` objects are sent as JSON. */
export async function apiFetch(path: string, key: TenantKey | string, init: FetchInit = {}): Promise<Response> {
  return exports.default.fetch(url(path), withJson(init, `Bearer ${await jwtFor(key)}`));
}

/** Counts the rows of a D1 table (for "a rejected request stores nothing" assertions). */
export async function countRows(table: string): Promise<number> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Notify's error body. */
export interface ErrorBody {
  status_code: number;
  errors: { error: string; message: string }[];
}

/** The error body of a response, with `messages` for convenient assertions. */
/** An admin API error (RFC 9457 problem details), with `detail` split back into its messages. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  invalidParams?: { name: string; reason: string }[];
  messages: string[];
}

export async function readProblem(response: Response): Promise<Problem> {
  if (response.headers.get("content-type") !== "application/problem+json") {
    throw new Error(`expected application/problem+json, got ${response.headers.get("content-type")}: ${await response.text()}`);
  }
  const body = (await response.json()) as Omit<Problem, "messages">;
  return { ...body, messages: body.detail.split("; ") };
}

export async function readError(response: Response): Promise<ErrorBody & { messages: string[] }> {
  const body = (await response.json()) as ErrorBody;
  return { ...body, messages: body.errors.map((e) => e.message) };
}
