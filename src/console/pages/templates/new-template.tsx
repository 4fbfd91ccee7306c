/** GET and POST /diensten/:serviceId/sjablonen/nieuw: a new template (manage_templates). */

import { changeService } from "../../../admin/shared/service-change";
import { createTemplate } from "../../../admin/templates/create-template";
import { NotifyError } from "../../../errors";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { checkTemplateForm, dutchRefusal } from "../../templates/template-input";
import { Heading, Link, Paragraph } from "../../ui/content";
import { emptyForm, type FormState } from "../../ui/forms";
import { Layout } from "../../ui/layout";
import { TemplateForm } from "./template-form";
import { changeMeta, readTemplateForm, templatesPath, wantsPreview } from "./template-request";

function render(context: ServiceContext, form: FormState, status = 200, problem?: string): Promise<Response> {
  const serviceId = context.access.service.id;
  return htmlPage(
    <Layout
      title="Nieuw sjabloon"
      user={context.signedIn.user}
      csrfToken={context.csrfToken}
      service={context.layoutService}
      currentPath={context.url.pathname}
    >
      <Heading>Nieuw sjabloon</Heading>
      <Paragraph>
        <Link href={templatesPath(serviceId)}>Terug naar de sjablonen</Link>
      </Paragraph>
      <TemplateForm form={form} csrfToken={context.csrfToken} previewUrl={templatesPath(serviceId, "voorbeeld")} problem={problem} />
    </Layout>,
    { status, inlineStyles: true },
  );
}

export const getNewTemplate = servicePage("manage_templates", (context) => render(context, emptyForm({ prioriteit: "normal" })));

export const postNewTemplate = servicePage("manage_templates", async (context) => {
  const posted = context.form as URLSearchParams;
  const values = { ...readTemplateForm(posted) };
  if (wantsPreview(posted)) return render(context, { values, errors: {} });
  const checked = checkTemplateForm(values);
  if (!checked.ok) return render(context, { values, errors: checked.errors }, 400);
  const { service } = context.access;
  try {
    const template = await changeService(service.id, () =>
      createTemplate(context.services.db, service, checked.template, changeMeta(context)),
    );
    return seeOther(`${templatesPath(service.id, template.id)}?melding=aangemaakt`);
  } catch (error) {
    if (!(error instanceof NotifyError) || error.status !== 400) throw error;
    const refusal = dutchRefusal(error);
    return render(context, { values, errors: refusal.errors }, 400, refusal.problem);
  }
});
