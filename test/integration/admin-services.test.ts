/** Admin API services (src/admin/v1/services/): create with defaults or settings, validation, read, organisation scoping. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminFetch, adminJson, countRows, readProblem, uniqueName } from "../support/fixtures";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The admin API's service object, all of it: every key with its type; a test pins the values it sets. */
const aService = (values: Record<string, unknown> = {}) => ({
  id: expect.stringMatching(UUID),
  organisation_id: expect.stringMatching(UUID),
  name: expect.any(String),
  restricted: expect.any(Boolean),
  active: expect.any(Boolean),
  sms_sender: expect.any(String),
  email_from: expect.any(String),
  rate_limit: expect.any(Number),
  sms_daily_limit: expect.any(Number),
  email_daily_limit: expect.any(Number),
  retention_days: expect.any(Number),
  permissions: expect.any(Array),
  retry_sms: true,
  retry_email: false,
  retry_after_seconds: null,
  callback_history: false,
  created_at: expect.stringMatching(TIMESTAMP),
  updated_at: expect.stringMatching(TIMESTAMP),
  ...values,
});

type Service = Record<string, unknown> & { id: string };
let orgId = "";
let otherOrgId = "";

beforeAll(async () => {
  orgId = (await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente Diensten") })).id;
  otherOrgId = (await adminJson<{ id: string }>("POST", "/admin/v1/organisations", { name: uniqueName("Gemeente Anders") })).id;
});

describe("POST /admin/v1/services", () => {
  it("creates a service with the deployment defaults (trial mode)", async () => {
    const service = await adminJson<Service>("POST", "/admin/v1/services", { organisation_id: orgId, name: "Parkeer Vergünningen" });
    expect(service).toEqual(
      aService({
        organisation_id: orgId,
        name: "Parkeer Vergünningen",
        restricted: true,
        active: true,
        sms_sender: "NOTIFYNL",
        email_from: `parkeer.vergunningen@${env.EMAIL_DOMAIN}`,
        rate_limit: Number(env.DEFAULT_RATE_LIMIT),
        sms_daily_limit: Number(env.DEFAULT_SMS_DAILY_LIMIT),
        email_daily_limit: Number(env.DEFAULT_EMAIL_DAILY_LIMIT),
        retention_days: Number(env.DEFAULT_RETENTION_DAYS),
        permissions: ["sms", "email"],
      }),
    );
  });

  it("records the creation in the audit log", async () => {
    const service = await adminJson<Service>("POST", "/admin/v1/services", { organisation_id: orgId, name: uniqueName("Audit") });
    const audit = await env.DB.prepare("SELECT * FROM audit_log WHERE target_id = ?").bind(service.id).first<Record<string, unknown>>();
    expect(audit).toMatchObject({ action: "service.create", organisation_id: orgId, service_id: service.id, target_type: "service" });
  });

  it("takes every setting from the body", async () => {
    const body = {
      organisation_id: orgId,
      name: uniqueName("Belastingen"),
      restricted: false,
      sms_sender: "Gemeente",
      email_from: "belastingen@gemeente.example.nl",
      rate_limit: 100,
      sms_daily_limit: 50,
      email_daily_limit: 0,
      retention_days: 90,
      permissions: ["sms", "international_sms", "sms"],
    };
    const service = await adminJson<Service>("POST", "/admin/v1/services", body);
    expect(service).toEqual(aService({ ...body, active: true, permissions: ["sms", "international_sms"] }));
  });

  it("GET returns the service as POST created it", async () => {
    const service = await adminJson<Service>("POST", "/admin/v1/services", {
      organisation_id: orgId,
      name: uniqueName("Terug"),
      rate_limit: 7,
    });
    expect(await adminJson<Service>("GET", `/admin/v1/services/${service.id}`)).toEqual(service);
  });

  it("normalises a phone-number sender to international digits", async () => {
    const service = await adminJson<Service>("POST", "/admin/v1/services", {
      organisation_id: orgId,
      name: uniqueName("Nummer"),
      sms_sender: "+31 97 0102 03040",
    });
    expect(service).toEqual(aService({ organisation_id: orgId, sms_sender: "3197010203040" }));
  });

  it("refuses a duplicate name in the same organisation (case-insensitively), storing nothing", async () => {
    const name = uniqueName("Afval");
    await adminJson("POST", "/admin/v1/services", { organisation_id: orgId, name });
    const before = [await countRows("services"), await countRows("audit_log")];
    const res = await adminFetch("/admin/v1/services", { method: "POST", body: { organisation_id: orgId, name: name.toLowerCase() } });
    expect(res.status).toBe(400);
    expect(await readProblem(res)).toMatchObject({
      code: "BadRequestError",
      messages: [`A service named '${name.toLowerCase()}' already exists in this organisation`],
    });
    expect([await countRows("services"), await countRows("audit_log")]).toEqual(before);
  });

  it("allows the same name in another organisation", async () => {
    const name = uniqueName("Afval");
    await adminJson("POST", "/admin/v1/services", { organisation_id: orgId, name });
    expect(await adminJson<Service>("POST", "/admin/v1/services", { organisation_id: otherOrgId, name })).toEqual(
      aService({ organisation_id: otherOrgId, name }),
    );
  });

  it.each([
    ["unknown", () => crypto.randomUUID()],
    ["malformed", () => "not-a-uuid"],
  ])("404 for an %s organisation id, storing nothing", async (_name, organisationId) => {
    const before = await countRows("services");
    const res = await adminFetch("/admin/v1/services", { method: "POST", body: { organisation_id: organisationId(), name: "Wees" } });
    expect(res.status).toBe(404);
    expect(await readProblem(res)).toMatchObject({ code: "NoResultFound", messages: ["Organisation not found"] });
    expect(await countRows("services")).toBe(before);
  });

  it.each([
    [{ organisation_id: undefined }, ["organisation_id is a required property"]],
    [{ retention_days: 2 }, ["retention_days is less than the minimum of 3"]],
    [{ retention_days: 91 }, ["retention_days is greater than the maximum of 90"]],
    [{ rate_limit: "100" }, ["rate_limit is not of type integer"]],
    [{ restricted: "yes" }, ["restricted is not of type boolean"]],
    [{ sms_sender: "AB" }, ["sms_sender must be between 3 and 11 characters long"]],
    [{ sms_sender: "TwaalfTekens" }, ["sms_sender must be between 3 and 11 characters long"]],
    [{ sms_sender: "00Gemeente" }, ["sms_sender cannot start with 00"]],
    [{ sms_sender: "Gemeente!" }, ["sms_sender may only contain letters, numbers, spaces and & . - _"]],
    [{ sms_sender: "+12345678901234567" }, ["sms_sender must be a phone number of 4 to 16 digits"]],
    [{ email_from: "not an email" }, ["email_from Not a valid email address"]],
    [{ permissions: ["sms", "letter"] }, ["permissions.1 is not one of [sms, email, international_sms]"]],
    [{ permissions: "sms" }, ["permissions is not of type array"]],
    [{ restriced: false }, ["Additional properties are not allowed (restriced was unexpected)"]],
  ])("400 for %j", async (fields, messages) => {
    const before = await countRows("services");
    const body = { organisation_id: orgId, name: uniqueName("Fout"), ...fields };
    const res = await adminFetch("/admin/v1/services", { method: "POST", body });
    expect(res.status).toBe(400);
    const error = await readProblem(res);
    expect(error.messages).toEqual(messages);
    expect(error.code).toBe("ValidationError");
    expect(await countRows("services")).toBe(before);
  });

  it("lists every problem at once", async () => {
    const res = await adminFetch("/admin/v1/services", { method: "POST", body: { name: "", retention_days: 1, extra: 1 } });
    expect((await readProblem(res)).messages).toEqual([
      "Additional properties are not allowed (extra was unexpected)",
      "organisation_id is a required property",
      "name must not be empty",
      "retention_days is less than the minimum of 3",
    ]);
  });
});

describe("GET /admin/v1/services/{service_id}", () => {
  it.each([
    ["unknown", () => crypto.randomUUID()],
    ["malformed", () => "nope"],
  ])("404 for an %s id", async (_name, id) => {
    const res = await adminFetch(`/admin/v1/services/${id()}`);
    expect(res.status).toBe(404);
    expect(await readProblem(res)).toMatchObject({ code: "NoResultFound", messages: ["Service not found"] });
  });

  describe("scoped to an organisation", () => {
    let service: Service;
    beforeAll(async () => {
      service = await adminJson<Service>("POST", "/admin/v1/services", { organisation_id: orgId, name: uniqueName("Scope") });
    });

    it("finds a service of that organisation", async () => {
      const res = await adminFetch(`/admin/v1/services/${service.id}?organisationId=${orgId}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(service);
    });

    it("treats a service of another organisation as unknown", async () => {
      const res = await adminFetch(`/admin/v1/services/${service.id}?organisationId=${otherOrgId}`);
      expect(res.status).toBe(404);
      expect((await readProblem(res)).messages).toEqual(["Service not found"]);
    });

    it("applies the same scoping to the service's sub-routes", async () => {
      const key = await adminFetch(`/admin/v1/services/${service.id}/api-keys?organisationId=${otherOrgId}`, {
        method: "POST",
        body: { name: "x", key_type: "normal" },
      });
      expect(key.status).toBe(404);
      expect((await readProblem(key)).messages).toEqual(["Service not found"]);
    });
  });

  it("accepts an upper-case id", async () => {
    const service = await adminJson<Service>("POST", "/admin/v1/services", { organisation_id: orgId, name: uniqueName("Hoofdletters") });
    expect(await adminJson<Service>("GET", `/admin/v1/services/${service.id.toUpperCase()}`)).toEqual(service);
  });
});
