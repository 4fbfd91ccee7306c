// Audit log command. The command's name is the admin API operationId it calls.
import { API, bool, str, withQuery } from "../flags.mjs";

export const auditLogCommands = {
  "list-audit-log": {
    help:
      "[--organisation-id <id>] [--service-id <id>] [--actor <name>] [--action <e.g. service.update>]\n" +
      "      [--from <ISO time>] [--to <ISO time>] [--page-size <n>] [--after <id>] [--csv (the whole selection as CSV)]",
    flags: {
      "organisation-id": str,
      "service-id": str,
      actor: str,
      action: str,
      from: str,
      to: str,
      "page-size": str,
      after: str,
      csv: bool,
    },
    required: [],
    request: (f) => [
      "GET",
      withQuery(`${API}/audit-log`, {
        organisationId: f["organisation-id"],
        serviceId: f["service-id"],
        actor: f.actor,
        action: f.action,
        from: f.from,
        to: f.to,
        pageSize: f.csv ? undefined : f["page-size"],
        after: f.csv ? undefined : f.after,
      }),
      undefined,
      f.csv ? { accept: "text/csv" } : {},
    ],
  },
};
