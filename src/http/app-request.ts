/** The request as handlers see it, the router type the route tables register on, and the JSON response helper. */
import type { IRequest, RouterType } from "itty-router";
import type { Services } from "../app/services";

/** itty's params/query plus our per-request fields. */
export interface AppRequest extends IRequest {
  requestId: string;
  services: Services;
  /** Origin the caller used, for Notify's `uri` fields, e.g. "http://127.0.0.1:8787". */
  origin: string;
  /** Work that goes on after the response (ExecutionContext.waitUntil), so the answer does not wait for it. */
  waitUntil(work: Promise<unknown>): void;
}

/** The router every route table registers on: handlers get (request, services); the Worker's context comes third. */
export type AppRouter = RouterType<AppRequest, [Services, ExecutionContext?]>;

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
