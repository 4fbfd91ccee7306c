// Every admin CLI command, by name. A command's name is the operationId of the admin API operation
// it calls; test/e2e/admin-cli.test.ts fails when an operation in /admin/openapi.json has no command.
import { adminCredentialCommands } from "./admin-credentials.mjs";
import { apiKeyCommands } from "./api-keys.mjs";
import { auditLogCommands } from "./audit-log.mjs";
import { callbackCommands } from "./callbacks.mjs";
import { invitationCommands } from "./invitations.mjs";
import { notificationCommands } from "./notifications.mjs";
import { organisationCommands } from "./organisations.mjs";
import { senderCommands } from "./senders.mjs";
import { serviceCommands } from "./services.mjs";
import { suppressionCommands } from "./suppressions.mjs";
import { teamMemberCommands } from "./team-members.mjs";
import { templateCommands } from "./templates.mjs";

export const COMMANDS = {
  ...organisationCommands,
  ...serviceCommands,
  ...apiKeyCommands,
  ...templateCommands,
  ...senderCommands,
  ...teamMemberCommands,
  ...invitationCommands,
  ...suppressionCommands,
  ...callbackCommands,
  ...notificationCommands,
  ...adminCredentialCommands,
  ...auditLogCommands,
};
