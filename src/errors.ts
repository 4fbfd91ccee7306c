/**
 * The one error catalogue: what can go wrong when a caller asks for something, in GOV.UK Notify's
 * vocabulary. The `error` names are Notify's exception class names and `status` its status_code;
 * clients surface both, so they are part of the contract. Domain code throws these; only
 * src/http/error-response.ts turns them into a response, and consumers and crons may catch them
 * (a bulk row that fails validation) without knowing anything about HTTP.
 */
export type ErrorName =
  | "ValidationError"
  | "BadRequestError"
  | "AuthError"
  | "RateLimitError"
  | "TooManyRequestsError"
  | "InvalidPhoneError"
  | "InvalidEmailError"
  | "NoResultFound"
  | "PayloadTooLarge"
  | "Exception";

export interface ErrorEntry {
  error: ErrorName;
  message: string;
}

/** One invalid field of a request: its dotted path and what is wrong with it (the admin API lists these). */
export interface FieldError {
  name: string;
  reason: string;
}

/** A refusal with one or more Notify error entries. */
export class NotifyError extends Error {
  readonly status: number;
  readonly errors: ErrorEntry[];
  /** The same problems per field, when the refusal is about request fields. */
  readonly fields: FieldError[];
  constructor(status: number, errors: ErrorEntry[], fields: FieldError[] = []) {
    super(errors.map((e) => e.message).join("; "));
    this.name = "NotifyError";
    this.status = status;
    this.errors = errors;
    this.fields = fields;
  }
}

const single = (status: number, error: ErrorName, message: string) => new NotifyError(status, [{ error, message }]);

/** Why a send to an opted-out recipient is refused; bulk validation recognises these. */
export const OPTED_OUT_MESSAGES = {
  sms: "The recipient has opted out of messages from this service (STOP)",
  email: "The recipient has opted out of emails from this service",
} as const;

/** Constructors for every error the service returns, named after what went wrong. */
export const Errors = {
  validation: (messages: string[], fields: FieldError[] = []) =>
    new NotifyError(
      400,
      [...new Set(messages)].map((message) => ({ error: "ValidationError" as const, message })),
      fields,
    ),
  badRequest: (message: string) => single(400, "BadRequestError", message),
  templateNotFound: () => single(400, "BadRequestError", "Template not found"),
  missingPersonalisation: (missing: readonly string[]) => single(400, "BadRequestError", `Missing personalisation: ${missing.join(", ")}`),
  emptyMessage: () => single(400, "BadRequestError", "Your message is empty."),
  invalidJson: () => single(400, "BadRequestError", "Invalid JSON supplied in POST data"),
  invalidPhone: (message: string) => single(400, "InvalidPhoneError", message),
  invalidEmail: (message: string) => single(400, "InvalidEmailError", message),
  auth: (status: 401 | 403, message: string) => single(status, "AuthError", message),
  rateLimit: (keyType: string, limit: number) =>
    single(429, "RateLimitError", `Exceeded rate limit for key type ${keyTypeLabel(keyType)} of ${limit} requests per 60 seconds`),
  dailyLimit: (channel: string, limit: number) =>
    single(429, "TooManyRequestsError", `Exceeded send limits (${channel}: ${limit}) for today`),
  /** A send to a recipient on the service's suppression list (an inbound STOP, or an administrator). */
  optedOut: (channel: "sms" | "email") => single(400, "BadRequestError", OPTED_OUT_MESSAGES[channel]),
  notFound: (message = "No result found") => single(404, "NoResultFound", message),
  payloadTooLarge: (limit: number) => single(413, "PayloadTooLarge", `Request body is larger than ${limit} bytes`),
  internal: () => single(500, "Exception", "Internal server error"),
  /** A problem with the request's `fallback` (extension): the same error, its messages prefixed so the caller knows which part. */
  inFallback: (cause: NotifyError) =>
    new NotifyError(
      cause.status,
      cause.errors.map((e) => ({ ...e, message: `fallback: ${e.message}` })),
      cause.fields.map((f) => ({ ...f, name: `fallback.${f.name}` })),
    ),
} as const;

/** Notify shows the `normal` key type as LIVE in rate-limit messages. */
function keyTypeLabel(keyType: string): string {
  return keyType === "normal" ? "LIVE" : keyType.toUpperCase();
}
