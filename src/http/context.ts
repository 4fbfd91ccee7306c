/**
 * Per-isolate application context: validated config plus the bindings wrapped in the small
 * interfaces that domain code is written against. Handlers get it from the request.
 */
import type { IRequest } from "itty-router";
import { type Config, loadConfig } from "../config";
import { createDb, type Db } from "../db/client";
import { createSecretBox, type SecretBox } from "../lib/crypto";
import { type Clock, systemClock } from "../lib/time";

export interface AppContext {
  config: Config;
  env: Env;
  db: Db;
  d1: D1Database;
  secrets: SecretBox;
  clock: Clock;
}

const contexts = new WeakMap<object, AppContext>();

export function appContext(env: Env): AppContext {
  let ctx = contexts.get(env);
  if (!ctx) {
    const config = loadConfig(env as unknown as Record<string, unknown>);
    ctx = {
      config,
      env,
      db: createDb(env.DB),
      d1: env.DB,
      secrets: createSecretBox(config.KEY_ENCRYPTION_KEY),
      clock: systemClock,
    };
    contexts.set(env, ctx);
  }
  return ctx;
}

/** The request as handlers see it: itty's params/query plus our per-request fields. */
export interface AppRequest extends IRequest {
  requestId: string;
  app: AppContext;
  /** Origin the caller used, for Notify's `uri` fields, e.g. "http://127.0.0.1:8787". */
  origin: string;
}

export type Handler = (request: AppRequest, env: Env, ctx: ExecutionContext) => Promise<Response> | Response;

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
