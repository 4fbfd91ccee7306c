/** GET /v2/openapi.json (src/api/v2/openapi/): the OpenAPI document generated from the request schemas. */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { url } from "../support/fixtures";

describe("GET /v2/openapi.json", () => {
  let status: number;
  let doc: Record<string, any>;
  const requestSchema = (path: string) => doc.paths[path].post.requestBody.content["application/json"].schema;

  beforeAll(async () => {
    const res = await exports.default.fetch(url("/v2/openapi.json"));
    status = res.status;
    doc = (await res.json()) as Record<string, any>;
  });

  it("is an OpenAPI 3.1 document", () => {
    expect(status).toBe(200);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("describes every public route", () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v2/notifications/sms",
        "/v2/notifications/email",
        "/v2/notifications/{id}",
        "/v2/notifications",
        "/v2/template/{id}",
        "/v2/template/{id}/version/{version}",
        "/v2/templates",
        "/v2/template/{id}/preview",
        "/v2/received-text-messages",
      ]),
    );
  });

  it("gives the SMS request schema its required fields, no extra properties, a uuid template_id", () => {
    const sms = requestSchema("/v2/notifications/sms");
    expect(sms.required).toEqual(expect.arrayContaining(["phone_number", "template_id"]));
    expect(sms.additionalProperties).toBe(false);
    expect(sms.properties.template_id).toMatchObject({ type: "string", format: "uuid" });
  });

  it("gives the email request schema Notify's email fields", () => {
    expect(Object.keys(requestSchema("/v2/notifications/email").properties)).toEqual(
      expect.arrayContaining(["email_address", "one_click_unsubscribe_url", "sanitise_content_for", "email_reply_to_id", "scheduled_for"]),
    );
  });

  it("describes the notification response, cost_details included", () => {
    expect(doc.paths["/v2/notifications/{id}"].get.responses["200"].content["application/json"].schema.required).toContain("cost_details");
  });
});
