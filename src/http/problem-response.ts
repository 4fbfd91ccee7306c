/**
 * Errors of the admin API as RFC 9457 problem details (NL API Design Rules
 * /core/error-handling/problem-details): `type`, `title`, `status` and `detail`, with the invalid
 * fields as the `invalidParams` extension member (RFC 9457's own example names it
 * "invalid-params"; the Design Rules want lowerCamelCase) and Notify's error name as `code`.
 */
import type { NotifyError } from "../errors";

/** RFC 9110 reason phrases; with `type: "about:blank"` the title is the status's phrase (RFC 9457 §4.2.1). */
const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  invalidParams?: { name: string; reason: string }[];
}

export function problemDetails(error: NotifyError): ProblemDetails {
  const problem: ProblemDetails = {
    type: "about:blank",
    title: TITLES[error.status] ?? "Error",
    status: error.status,
    detail: error.errors.map((e) => e.message).join("; "),
    code: error.errors[0]?.error ?? "Exception",
  };
  if (error.fields.length > 0) problem.invalidParams = error.fields;
  return problem;
}

export function problemResponse(error: NotifyError): Response {
  return new Response(JSON.stringify(problemDetails(error)), {
    status: error.status,
    headers: { "content-type": "application/problem+json" },
  });
}
