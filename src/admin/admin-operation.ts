/**
 * One admin operation: its method and path, what it reads and returns, and its handler. The admin
 * router, the OpenAPI document at /admin/openapi.json and the CLI-coverage test are all built from
 * the same list of operations (admin-routes.ts), so the documentation cannot drift from the code.
 */
import * as v from "valibot";
import type { AppRequest } from "../http/app-request";
import type { Schema } from "../http/openapi-schema";
import { type BodySchema, type QuerySchema, readBody, readQuery } from "./shared/request";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** What an operation documents; `path` is below /admin/v1, in OpenAPI form ("/services/{service_id}"). */
export interface OperationSpec {
  /** Also the CLI command's name, e.g. "list-templates". */
  operationId: string;
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /**
   * The success answer; `csv` adds a text/csv representation (chosen with `Accept: text/csv`),
   * `html` a printable text/html page (chosen with `Accept: text/html`).
   */
  ok: { status: 200 | 201 | 204; description: string; schema?: Schema; csv?: boolean; html?: boolean };
}

export interface AdminOperation extends OperationSpec {
  body?: BodySchema;
  query?: QuerySchema;
  /** Validates the query (and body) and calls the handler. */
  run: (request: AppRequest) => Promise<Response>;
}

type Handler<B, Q> = (request: AppRequest, input: { body: B; query: Q }) => Promise<Response>;
type BodyOf<B> = B extends BodySchema ? v.InferOutput<B> : undefined;

const NO_QUERY = v.object({});
type NoQuery = typeof NO_QUERY;

/**
 * Declares an operation. The query string and the JSON body are validated before the handler runs
 * (unknown keys refused, every problem in one 400), so handlers receive typed input only.
 */
export function adminOperation<B extends BodySchema | undefined = undefined, Q extends QuerySchema = NoQuery>(
  spec: OperationSpec & { body?: B; query?: Q; handle: Handler<BodyOf<B>, v.InferOutput<Q>> },
): AdminOperation;
export function adminOperation(
  spec: OperationSpec & {
    body?: BodySchema;
    query?: QuerySchema;
    handle(request: AppRequest, input: { body: unknown; query: unknown }): Promise<Response>;
  },
): AdminOperation {
  const { handle, ...rest } = spec;
  return {
    ...rest,
    run: async (request) => {
      // Validated even when the operation takes no query, so `?anything` is a clear 400.
      const query = readQuery(request, spec.query ?? NO_QUERY);
      const body = spec.body ? await readBody(request, spec.body) : undefined;
      return handle(request, { body, query });
    },
  };
}
