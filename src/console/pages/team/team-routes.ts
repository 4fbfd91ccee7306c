/**
 * The console's team pages (team/) and the invitation link (invitation/). The fixed paths
 * (uitnodigen, uitnodigingen/…) come before `:userId`, which would otherwise match them.
 */
import type { AppRouter } from "../../../http/app-request";
import { getInvitation, postInvitation } from "../invitation/accept-invitation";
import { postCancelInvitation } from "./cancel-invitation";
import { getInviteMember, postInviteMember } from "./invite-member";
import { postRemoveTeamMember } from "./remove-member";
import { getTeam } from "./team-list";
import { getTeamMember, postTeamMember } from "./team-member";

export function registerTeamRoutes(router: AppRouter): void {
  router.get("/diensten/:serviceId/team", getTeam);
  router.get("/diensten/:serviceId/team/uitnodigen", getInviteMember);
  router.post("/diensten/:serviceId/team/uitnodigen", postInviteMember);
  router.post("/diensten/:serviceId/team/uitnodigingen/:invitationId/intrekken", postCancelInvitation);
  router.get("/diensten/:serviceId/team/:userId", getTeamMember);
  router.post("/diensten/:serviceId/team/:userId", postTeamMember);
  router.post("/diensten/:serviceId/team/:userId/verwijderen", postRemoveTeamMember);
  router.get("/uitnodiging/:token", getInvitation);
  router.post("/uitnodiging/:token", postInvitation);
}
