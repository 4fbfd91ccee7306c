/** POST /v2/template/{id}/preview: renders the current version with the given personalisation. */
import * as v from "valibot";
import { Errors } from "../../../errors";
import { type AppRequest, json } from "../../../http/app-request";
import { readJsonBody } from "../../../http/body";
import { validate } from "../../../http/validation";
import { checkPersonalisation } from "../../../notifications/personalisation";
import { renderEmail } from "../../../notifications/render/email";
import { missingPersonalisation } from "../../../notifications/render/placeholders";
import { renderSms } from "../../../notifications/render/sms";
import { findTemplate } from "../../../notifications/templates";
import { authenticate } from "../authenticate";
import { templateIdParam } from "./get-template-by-id";

export const PreviewRequest = v.strictObject({
  personalisation: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
});

export async function previewTemplate(request: AppRequest): Promise<Response> {
  const { service } = await authenticate(request);
  const id = templateIdParam(request);
  const body = validate(PreviewRequest, await readJsonBody(request, request.services.config.MAX_BODY_BYTES, { allowEmpty: true }));
  const template = await findTemplate(request.services.db, service.id, id);
  if (!template) throw Errors.notFound();
  const personalisation = body.personalisation ?? {};
  checkPersonalisation(personalisation);
  const parts = template.type === "email" ? [template.subject ?? "", template.body] : [template.body];
  const missing = missingPersonalisation(parts, personalisation);
  if (missing.length > 0) throw Errors.missingPersonalisation(missing);
  const common = { id: template.id, type: template.type, version: template.version, postage: null };
  if (template.type === "sms") {
    return json({ ...common, body: renderSms(template.body, personalisation).content, html: null, subject: null });
  }
  const email = renderEmail({ subject: template.subject ?? "", body: template.body }, personalisation, {});
  return json({ ...common, body: email.body, html: email.html, subject: email.subject });
}
