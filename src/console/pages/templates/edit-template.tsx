/**
 * GET and POST /diensten/:serviceId/sjablonen/:templateId/bewerken: changing a template
 * (manage_templates), which makes a new version (src/admin/templates/update-template.ts). The
 * type stays what it is. An archived template cannot be changed: the page says so and offers to
 * bring it back first.
 */
import type { Child } from "hono/jsx";
import { changeService } from "../../../admin/shared/service-change";
import type { TemplateRow } from "../../../admin/templates/template-object";
import { findTemplate, updateTemplate } from "../../../admin/templates/update-template";
import { NotifyError } from "../../../errors";
import { field } from "../../http/console-form";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { checkTemplateForm, dutchRefusal } from "../../templates/template-input";
import { Alert, Heading, Link, Paragraph } from "../../ui/content";
import type { FormState } from "../../ui/forms";
import { Layout } from "../../ui/layout";
import { ArchiveButton } from "./archive-button";
import { TemplateForm } from "./template-form";
import { changeMeta, readTemplateForm, templatesPath, wantsPreview } from "./template-request";

function page(context: ServiceContext, template: TemplateRow, children: Child, status: number): Promise<Response> {
  return htmlPage(
    <Layout
      title={`${template.name} wijzigen`}
      user={context.signedIn.user}
      csrfToken={context.csrfToken}
      service={context.layoutService}
      currentPath={context.url.pathname}
    >
      <Heading>Sjabloon wijzigen: {template.name}</Heading>
      <Paragraph>
        <Link href={templatesPath(template.serviceId, template.id)}>Terug naar het sjabloon</Link>
      </Paragraph>
      {children}
    </Layout>,
    { status, inlineStyles: true },
  );
}

function renderForm(context: ServiceContext, template: TemplateRow, form: FormState, status = 200, problem?: string) {
  const previewUrl = templatesPath(template.serviceId, "voorbeeld");
  return page(
    context,
    template,
    <TemplateForm form={form} csrfToken={context.csrfToken} previewUrl={previewUrl} fixedType={template.type} problem={problem} />,
    status,
  );
}

function renderArchived(context: ServiceContext, template: TemplateRow, status: number) {
  return page(
    context,
    template,
    <>
      <Alert kind="warning">Dit sjabloon is gearchiveerd. Een gearchiveerd sjabloon kunt u niet wijzigen. Zet het eerst terug.</Alert>
      <ArchiveButton template={template} csrfToken={context.csrfToken} />
    </>,
    status,
  );
}

const STALE_FORM =
  "Iemand anders heeft dit sjabloon gewijzigd nadat u het opende. Uw tekst staat hieronder en is nog niet opgeslagen. Bekijk eerst de nieuwe versie; sla daarna opnieuw op als u uw tekst wilt houden.";

const templateOf = (context: ServiceContext) =>
  findTemplate(context.services.db, context.access.service.id, String(context.request.params.templateId ?? ""));

export const getEditTemplate = servicePage("manage_templates", async (context) => {
  const template = await templateOf(context);
  if (template.archived) return renderArchived(context, template, 200);
  const values = {
    soort: template.type,
    naam: template.name,
    onderwerp: template.subject ?? "",
    tekst: template.body,
    prioriteit: template.priority,
    versie: String(template.version),
  };
  return renderForm(context, template, { values, errors: {} });
});

export const postEditTemplate = servicePage("manage_templates", async (context) => {
  const template = await templateOf(context);
  if (template.archived) return renderArchived(context, template, 409);
  const posted = context.form as URLSearchParams;
  const loadedVersion = field(posted, "versie", { max: 12 });
  const values = { ...readTemplateForm(posted), soort: template.type, versie: loadedVersion };
  if (wantsPreview(posted)) return renderForm(context, template, { values, errors: {} });
  // The form carries the version it was opened at: saving over a colleague's later change needs a
  // second, informed save (the form then carries the current version).
  if (loadedVersion !== "" && loadedVersion !== String(template.version)) {
    const current = { ...values, versie: String(template.version) };
    return renderForm(context, template, { values: current, errors: {} }, 409, STALE_FORM);
  }
  const checked = checkTemplateForm(values);
  if (!checked.ok) return renderForm(context, template, { values, errors: checked.errors }, 400);
  const { service } = context.access;
  const { name, subject, body, priority } = checked.template;
  try {
    const updated = await changeService(service.id, () =>
      updateTemplate(context.services.db, service, template.id, { name, subject, body, priority }, changeMeta(context)),
    );
    const notice = updated.version === template.version ? "ongewijzigd" : "opgeslagen";
    return seeOther(`${templatesPath(service.id, template.id)}?melding=${notice}`);
  } catch (error) {
    if (!(error instanceof NotifyError) || error.status !== 400) throw error;
    const refusal = dutchRefusal(error);
    return renderForm(context, template, { values, errors: refusal.errors }, 400, refusal.problem);
  }
});
