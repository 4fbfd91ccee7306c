/** POST /diensten/:serviceId/team/:userId/verwijderen (manage_service): takes a member off the team (src/console/accounts/team.ts). */
import { removeTeamMember } from "../../accounts/team";
import { servicePage } from "../../http/console-route";
import { seeOther } from "../../http/html-response";
import { PERMISSIONS_FIELD, permissionsValue } from "./permission-labels";
import { teamPath } from "./team-list";
import { memberOf, renderRefusal } from "./team-member";

export const postRemoveTeamMember = servicePage("manage_service", async (context) => {
  const member = await memberOf(context);
  const { services, access, signedIn, request, now } = context;
  try {
    await removeTeamMember(services.db, access.service, signedIn.user, member.userId, {
      actor: signedIn.user.emailAddress,
      requestId: request.requestId,
      at: now,
    });
  } catch (error) {
    return renderRefusal(context, member, "remove", { [PERMISSIONS_FIELD]: permissionsValue(member.permissions) }, error);
  }
  return seeOther(`${teamPath(access.service.id)}?melding=verwijderd`);
});
