/** POST /diensten/:serviceId/team/uitnodigingen/:invitationId/intrekken (manage_service): the link in the email stops working. */
import { AccountRefusal } from "../../accounts/account-refusal";
import { cancelInvitation } from "../../accounts/invitations";
import { servicePage } from "../../http/console-route";
import { seeOther } from "../../http/html-response";
import { renderTeam, teamPath } from "./team-list";

export const postCancelInvitation = servicePage("manage_service", async (context) => {
  const { services, access, signedIn, request, now } = context;
  try {
    await cancelInvitation(services.db, access.service, String(request.params.invitationId ?? ""), {
      actor: signedIn.user.emailAddress,
      requestId: request.requestId,
      at: now,
    });
  } catch (error) {
    if (error instanceof AccountRefusal)
      return renderTeam(context, "Deze uitnodiging is al geaccepteerd. U kunt haar niet meer intrekken.");
    throw error;
  }
  return seeOther(`${teamPath(access.service.id)}?melding=ingetrokken`);
});
