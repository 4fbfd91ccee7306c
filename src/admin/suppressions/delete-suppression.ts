/** DELETE /services/{service_id}/suppressions/{suppression_id} → 204; sends to the recipient are allowed again. */
import * as v from "valibot";
import { adminOperation } from "../admin-operation";
import { adminMeta, pathParam } from "../shared/request";
import { changeService } from "../shared/service-change";
import { scopedService, serviceScopeQuery } from "../shared/service-scope";
import { removeSuppression } from "./remove-suppression";

export const deleteSuppressionOperation = adminOperation({
  operationId: "delete-suppression",
  method: "delete",
  path: "/services/{service_id}/suppressions/{suppression_id}",
  tag: "suppressions",
  summary: "Take a recipient off the suppression list (sends to them are allowed again)",
  query: v.object(serviceScopeQuery),
  ok: { status: 204, description: "Removed" },
  handle: async (request) => {
    const { db } = request.services;
    const service = await scopedService(request);
    await changeService(service.id, () => removeSuppression(db, service, pathParam(request, "suppression_id"), adminMeta(request)));
    return new Response(null, { status: 204 });
  },
});
