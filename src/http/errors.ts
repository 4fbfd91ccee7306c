/**
 * The one error catalogue. Every error the HTTP layer returns is an ApiError, rendered as Notify's
 * body: {"status_code":N,"errors":[{"error":"<Name>","message":"..."}]}. The `error` names are the
 * GOV.UK Notify exception class names; clients surface them, so they are part of the contract.
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

export class ApiError extends Error {
  readonly status: number;
  readonly errors: ErrorEntry[];
  constructor(status: number, errors: ErrorEntry[]) {
    super(errors.map((e) => e.message).join("; "));
    this.name = "ApiError";
    this.status = status;
    this.errors = errors;
  }

  toBody(): { status_code: number; errors: ErrorEntry[] } {
    return { status_code: this.status, errors: this.errors };
  }
}

const single = (status: number, error: ErrorName, message: string) => new ApiError(status, [{ error, message }]);

/** Constructors for every error the service returns, named after what went wrong. */
export const Errors = {
  validation: (messages: string[]) =>
    new ApiError(
      400,
      [...new Set(messages)].map((message) => ({ error: "ValidationError" as const, message })),
    ),
  badRequest: (message: string) => single(400, "BadRequestError", message),
  invalidJson: () => single(400, "BadRequestError", "Invalid JSON supplied in POST data"),
  invalidPhone: (message: string) => single(400, "InvalidPhoneError", message),
  invalidEmail: (message: string) => single(400, "InvalidEmailError", message),
  auth: (status: 401 | 403, message: string) => single(status, "AuthError", message),
  rateLimit: (keyType: string, limit: number) =>
    single(429, "RateLimitError", `Exceeded rate limit for key type ${keyTypeLabel(keyType)} of ${limit} requests per 60 seconds`),
  dailyLimit: (channel: string, limit: number) =>
    single(429, "TooManyRequestsError", `Exceeded send limits (${channel}: ${limit}) for today`),
  notFound: (message = "No result found") => single(404, "NoResultFound", message),
  payloadTooLarge: (limit: number) => single(413, "PayloadTooLarge", `Request body is larger than ${limit} bytes`),
  internal: () => single(500, "Exception", "Internal server error"),
} as const;

/** Notify shows the `normal` key type as LIVE in rate-limit messages. */
function keyTypeLabel(keyType: string): string {
  return keyType === "normal" ? "LIVE" : keyType.toUpperCase();
}
