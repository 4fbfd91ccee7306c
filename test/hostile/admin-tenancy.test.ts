/**
 * Another organisation's ids in every admin operation (src/admin/): a child of another service
 * (key, template, sender, reply-to, team member, suppression) under my service is a 404, and another
 * organisation's service under my `?organisationId=` is a 404; nothing of theirs changes. The lists
 * are built from ADMIN_OPERATIONS, so a new operation is covered without editing this file (and a
 * new operation with a body fails the first test until it has a valid body here).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AdminOperation } from "../../src/admin/admin-operation";
import { ADMIN_OPERATIONS } from "../../src/admin/admin-routes";
import { ADMIN_BASE_PATH } from "../../src/http/api-versions";
import { adminFetch, adminJson, countRows, createTenant, readProblem, type Tenant } from "../support/fixtures";

/** A body each operation accepts, so a 404 cannot be a 400 for the body in disguise. */
const VALID_BODIES: Record<string, unknown> = {
  "create-organisation": { name: "x" },
  "update-organisation": { name: "Andere naam" },
  "create-service": { organisation_id: crypto.randomUUID(), name: "x" },
  "update-service": { name: "Andere naam" },
  "create-api-key": { name: "sleutel", key_type: "test" },
  "create-template": { name: "t", type: "sms", body: "Hallo" },
  "update-template": { name: "Andere naam" },
  "update-template-status": { archived: true },
  "create-sms-sender": { sms_sender: "Gemeente" },
  "update-sms-sender": { is_default: true },
  "create-reply-to": { email_address: "balie@gemeente.example" },
  "update-reply-to": { is_default: true },
  "create-team-member": { email_address: "lid@gemeente.example" },
  "create-invitation": { email_address: "collega@gemeente.example" },
  "create-suppression": { phone_number: "+31612345678" },
  "set-callback": { url: "https://gemeente.example/callback", bearer_token: "0123456789abcdef" },
  "create-admin-credential": { name: "x", role: "read-only" },
  "update-admin-credential": { role: "read-only" },
};

let mine: Tenant;
let theirs: Tenant;
let theirChildren: Record<string, string>;

beforeAll(async () => {
  mine = await createTenant();
  theirs = await createTenant({
    smsSenders: [{ sms_sender: "Hunner", is_default: true }, { sms_sender: "Hunner2" }],
    replyTos: [{ email_address: "a@hun.example", is_default: true }, { email_address: "b@hun.example" }],
    teamMembers: [{ email_address: "lid@hun.example" }],
  });
  theirChildren = {
    key_id: theirs.keys.normal.id,
    template_id: theirs.smsTemplateId,
    sms_sender_id: theirs.smsSenderIds[1] ?? "",
    reply_to_id: theirs.replyToIds[1] ?? "",
    member_id: theirs.teamMemberIds[0] ?? "",
    suppression_id: (
      await adminJson<{ id: string }>("POST", `/admin/v1/services/${theirs.serviceId}/suppressions`, { phone_number: "0612345678" })
    ).id,
    callback_type: "delivery-status",
  };
});

const CHILD_PARAMS = ["key_id", "template_id", "sms_sender_id", "reply_to_id", "member_id", "suppression_id"];
const withChild = ADMIN_OPERATIONS.filter((op) => CHILD_PARAMS.some((p) => op.path.includes(`{${p}}`)));
const serviceScoped = ADMIN_OPERATIONS.filter((op) => op.path.startsWith("/services/{service_id}"));

function call(op: AdminOperation, ids: Record<string, string>, query = ""): Promise<Response> {
  const path = ADMIN_BASE_PATH + op.path.replace(/\{([a-z_]+)\}/g, (_m, name: string) => ids[name] ?? crypto.randomUUID());
  return adminFetch(`${path}${query}`, { method: op.method.toUpperCase(), body: VALID_BODIES[op.operationId] });
}

/** Their rows that any of these operations could touch, as one comparable snapshot. */
async function theirState(): Promise<unknown> {
  const tables = [
    "api_keys",
    "templates",
    "sms_senders",
    "email_reply_to",
    "team_members",
    "suppressions",
    "service_callbacks",
    "services",
  ];
  const rows = await Promise.all(
    tables.map((t) =>
      env.DB.prepare(`SELECT * FROM ${t} WHERE ${t === "services" ? "id" : "service_id"} = ? ORDER BY 1`)
        .bind(theirs.serviceId)
        .all(),
    ),
  );
  return rows.map((r) => r.results);
}

describe("admin operations and another organisation's ids", () => {
  it("every operation with a body has a valid body in this test", () => {
    expect(ADMIN_OPERATIONS.filter((op) => op.body && !(op.operationId in VALID_BODIES)).map((op) => op.operationId)).toEqual([]);
  });

  it.each(withChild.map((op) => [op.operationId, op] as const))(
    "%s: their child under my service is a 404 and nothing of theirs changes",
    async (_id, op) => {
      const before = [await theirState(), await countRows("audit_log")];
      const res = await call(op, { ...theirChildren, service_id: mine.serviceId });
      expect(res.status).toBe(404);
      expect((await readProblem(res)).code).toBe("NoResultFound");
      expect([await theirState(), await countRows("audit_log")]).toEqual(before);
    },
  );

  it.each(serviceScoped.map((op) => [op.operationId, op] as const))(
    "%s: their service under my organisationId is a 404 and nothing of theirs changes",
    async (_id, op) => {
      const before = [await theirState(), await countRows("audit_log")];
      const res = await call(op, { ...theirChildren, service_id: theirs.serviceId }, `?organisationId=${mine.organisationId}`);
      expect(res.status).toBe(404);
      expect((await readProblem(res)).messages).toEqual(["Service not found"]);
      expect([await theirState(), await countRows("audit_log")]).toEqual(before);
    },
  );
});
