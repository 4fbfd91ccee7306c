/** GET /v2/templates?type=sms|email: the service's templates that are not archived. */
import { and, asc, eq, type SQL } from "drizzle-orm";
import { templates } from "../../../db/schema";
import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { type Query, queryOne, rejectUnknownParams } from "../../../http/query";
import { authenticate } from "../authenticate";
import { templateBody } from "./template-body";

const TYPES = ["sms", "email", "letter"];

export async function listTemplates(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const query = request.query as Query;
  rejectUnknownParams(query, ["type"]);
  const type = queryOne(query, "type");
  if (type !== undefined && !TYPES.includes(type)) throw Errors.validation([`type ${type} is not one of [${TYPES.join(", ")}]`]);
  const conditions: SQL[] = [eq(templates.serviceId, service.id), eq(templates.archived, false)];
  if (type === "sms" || type === "email") conditions.push(eq(templates.type, type));
  if (type === "letter") return json({ templates: [] });
  const rows = await request.services.db
    .select()
    .from(templates)
    .where(and(...conditions))
    .orderBy(asc(templates.name));
  return json({ templates: rows.map(templateBody) });
}
