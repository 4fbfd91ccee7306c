/**
 * POST /diensten/:serviceId/sjablonen/voorbeeld (manage_templates): the live preview. The form's
 * script (public/console/template-preview.js) posts the form here while the user types and puts
 * the answer, the preview region alone, in place of the one on the page. Nothing is saved.
 */
import { servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { isTemplateType } from "../../templates/template-input";
import { PreviewRegion } from "./template-preview";
import { readTemplateForm } from "./template-request";

export const postTemplatePreview = servicePage("manage_templates", async (context) => {
  const values = readTemplateForm(context.form as URLSearchParams);
  const type = isTemplateType(values.soort) ? values.soort : null;
  return htmlPage(<PreviewRegion content={{ type, subject: values.onderwerp, body: values.tekst }} />, {
    inlineStyles: true,
  });
});
