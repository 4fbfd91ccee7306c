/**
 * POST /diensten/:serviceId/sjablonen/:templateId/archiveren and …/terugzetten (manage_templates):
 * archiving a template (it can no longer be sent) and bringing it back, with
 * src/admin/templates/set-template-archived.ts. Asking for the state it already has (a second tab,
 * a double click) changes nothing and shows the template in that state.
 */
import { changeService } from "../../../admin/shared/service-change";
import { setTemplateArchived } from "../../../admin/templates/set-template-archived";
import { NotifyError } from "../../../errors";
import { servicePage } from "../../http/console-route";
import { seeOther } from "../../http/html-response";
import { changeMeta, templatesPath } from "./template-request";

function setArchived(archived: boolean) {
  return servicePage("manage_templates", async (context) => {
    const { service } = context.access;
    const templateId = String(context.request.params.templateId ?? "").toLowerCase();
    const back = `${templatesPath(service.id, templateId)}?melding=${archived ? "gearchiveerd" : "teruggezet"}`;
    try {
      await changeService(service.id, () => setTemplateArchived(context.services.db, service, templateId, archived, changeMeta(context)));
    } catch (error) {
      // A 400 here is "already in that state": the template was found, so the page shows it as it is.
      if (!(error instanceof NotifyError) || error.status !== 400) throw error;
    }
    return seeOther(back);
  });
}

export const postArchiveTemplate = setArchived(true);
export const postUnarchiveTemplate = setArchived(false);
