/** The Worker's `fetch`: services for the env (a bad configuration is a logged 500), then the router. */
import { toErrorResponse } from "../http/error-response";
import { servicesFor } from "./build-services";
import { createRouter } from "./router";
import type { Services } from "./services";

const router = createRouter();

export async function handleFetch(request: Request, env: Env, context?: ExecutionContext): Promise<Response> {
  let services: Services;
  try {
    services = servicesFor(env);
  } catch (error) {
    return toErrorResponse(error);
  }
  return router.fetch(request, services, context);
}
