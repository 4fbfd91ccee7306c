/**
 * GET and POST /diensten/:serviceId/proefontvangers and POST …/:memberId/verwijderen: the team
 * members table (src/admin/team-members/), the recipients a service in trial mode may send to.
 * Adding and removing go through createTeamMember and removeTeamMember, which write the audit rows.
 */
import { asc, eq } from "drizzle-orm";
import { changeService } from "../../../admin/shared/service-change";
import { createTeamMember } from "../../../admin/team-members/create-team-member";
import { removeTeamMember } from "../../../admin/team-members/remove-team-member";
import { teamMembers } from "../../../db/schema";
import { NotifyError } from "../../../errors";
import { field } from "../../http/console-form";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { emptyForm, type FormState } from "../../ui/forms";
import { parseTrialRecipient } from "./trial-recipient-input";
import { TrialRecipientsPage } from "./trial-recipients-page";

const NOTICES: Record<string, string> = {
  "ontvanger-toegevoegd": "De proefontvanger is toegevoegd.",
  "ontvanger-verwijderd": "De proefontvanger is verwijderd.",
};

const listPath = (context: ServiceContext) => `/diensten/${context.access.service.id}/proefontvangers`;
const metaOf = (context: ServiceContext) => ({
  actor: context.signedIn.user.emailAddress,
  requestId: context.request.requestId,
  at: context.now,
});

async function render(context: ServiceContext, form: FormState, status = 200): Promise<Response> {
  const members = await context.services.db
    .select()
    .from(teamMembers)
    .where(eq(teamMembers.serviceId, context.access.service.id))
    .orderBy(asc(teamMembers.createdAt), asc(teamMembers.id));
  return htmlPage(
    <TrialRecipientsPage
      members={members}
      form={form}
      notice={status === 200 ? NOTICES[context.url.searchParams.get("melding") ?? ""] : undefined}
      user={context.signedIn.user}
      csrfToken={context.csrfToken}
      service={context.layoutService}
    />,
    { status },
  );
}

export const getTrialRecipients = servicePage("manage_service", (context) => render(context, emptyForm()));

export const postTrialRecipient = servicePage("manage_service", async (context) => {
  const ontvanger = field(context.form as URLSearchParams, "ontvanger", { max: 320 });
  const refuse = (message: string) => render(context, { values: { ontvanger }, errors: { ontvanger: message } }, 400);
  const service = context.access.service;
  const parsed = parseTrialRecipient(ontvanger, { allowInternational: service.permissions.includes("international_sms") });
  if (!parsed.ok) return refuse(parsed.message);
  try {
    await changeService(service.id, () => createTeamMember(context.services.db, service, parsed.member, metaOf(context)));
  } catch (error) {
    // createTeamMember's refusal for input that passed the checks above: already on the list.
    if (error instanceof NotifyError && error.status === 400) return refuse("Dit e-mailadres of mobiele nummer staat al op de lijst.");
    throw error;
  }
  return seeOther(`${listPath(context)}?melding=ontvanger-toegevoegd`);
});

export const postRemoveTrialRecipient = servicePage("manage_service", async (context) => {
  const service = context.access.service;
  const memberId = String(context.request.params.memberId ?? "");
  await changeService(service.id, () => removeTeamMember(context.services.db, service, memberId, metaOf(context)));
  return seeOther(`${listPath(context)}?melding=ontvanger-verwijderd`);
});
