/**
 * PATCH /services/{service_id}[?organisationId=] any of the service's settings → 200 service object.
 * `restricted: false` takes a trial service live; `active: false` suspends it and `active: true`
 * restores it.
 *
 * Propagation: the public API, the dispatch consumer and the OrgGate's limits all read the service
 * row through the per-isolate caches of notifications/service-cache.ts (the gate is handed the rate
 * and daily limits with each admission). changeService drops this isolate's copies at once; other
 * isolates use the old row for at most CACHE_TTL_MS (5 s).
 */
import * as v from "valibot";
import { json } from "../../http/app-request";
import { adminOperation } from "../admin-operation";
import { flag } from "../shared/fields";
import { adminMeta } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { optionalServiceSettings } from "./service-fields";
import { ServiceObject } from "./service-object";
import { updateService } from "./update-service";

const PatchService = v.object({ ...optionalServiceSettings, active: v.optional(flag) });

export const updateServiceOperation = adminOperation({
  operationId: "update-service",
  method: "patch",
  path: "/services/{service_id}",
  tag: "services",
  summary: "Change a service's settings: go live (restricted false), suspend (active false) or resume, limits, senders",
  description:
    "Only the fields given are changed. The change is used at once by requests through the same isolate " +
    "and within 5 seconds everywhere (per-isolate caches).",
  body: PatchService,
  query: v.object(serviceScopeQuery),
  ok: { status: 200, description: "The service as changed", schema: ServiceObject },
  handle: async (request, { body }) => {
    const { db } = request.services;
    const service = await scopedService(request);
    return json(await changeService(service.id, () => updateService(db, service, body, adminMeta(request))));
  },
});
