/**
 * What the template handlers share: reading the posted template form, which button was pressed,
 * who makes the change (the signed-in user's email address, as the audit rows name them) and the
 * pages' paths.
 */
import type { ChangeMeta } from "../../../admin/audit";
import { EMAIL_BODY_LIMIT, NAME_LIMIT, SUBJECT_LIMIT } from "../../../admin/templates/template-rules";
import { field } from "../../http/console-form";
import type { ServiceContext } from "../../http/console-route";
import type { TemplateFormValues } from "../../templates/template-input";

/**
 * The posted fields. The limits count characters (code points), `field` cuts UTF-16 units: cut at
 * twice the limit plus one, a text that fits is never cut and one that does not still does not. The body is kept as written (whitespace is content), with the browser's
 * CRLF line breaks made LF, so saving an unchanged text makes no new version.
 */
export function readTemplateForm(form: URLSearchParams): TemplateFormValues {
  return {
    soort: field(form, "soort", { max: 10 }),
    naam: field(form, "naam", { max: NAME_LIMIT * 2 + 1 }),
    onderwerp: field(form, "onderwerp", { max: SUBJECT_LIMIT * 2 + 1 }),
    tekst: field(form, "tekst", { trim: false, max: EMAIL_BODY_LIMIT * 2 + 1 }).replace(/\r\n?/g, "\n"),
    prioriteit: field(form, "prioriteit", { max: 10 }),
  };
}

/** "Voorbeeld bekijken" shows the preview and saves nothing; anything else is "Opslaan". */
export function wantsPreview(form: URLSearchParams): boolean {
  return form.get("actie") === "voorbeeld";
}

export function changeMeta(context: ServiceContext): ChangeMeta {
  return { actor: context.signedIn.user.emailAddress, requestId: context.request.requestId, at: context.now };
}

export function templatesPath(serviceId: string, ...rest: string[]): string {
  return [`/diensten/${serviceId}/sjablonen`, ...rest].join("/");
}
