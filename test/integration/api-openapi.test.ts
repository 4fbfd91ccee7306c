import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { url } from "../support/fixtures";

describe("GET /v2/openapi.json", () => {
  it("is an OpenAPI 3.1 document generated from the request schemas", async () => {
    const res = await exports.default.fetch(url("/v2/openapi.json"));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, any>;
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/v2/notifications/sms",
      "/v2/notifications/email",
      "/v2/notifications/{id}",
      "/v2/notifications",
      "/v2/template/{id}",
      "/v2/template/{id}/version/{version}",
      "/v2/templates",
      "/v2/template/{id}/preview",
      "/v2/received-text-messages",
    ]) {
      expect(paths).toContain(p);
    }
    const sms = doc.paths["/v2/notifications/sms"].post.requestBody.content["application/json"].schema;
    expect(sms.required).toEqual(expect.arrayContaining(["phone_number", "template_id"]));
    expect(sms.additionalProperties).toBe(false);
    expect(sms.properties.template_id).toMatchObject({ type: "string", format: "uuid" });
    const email = doc.paths["/v2/notifications/email"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(email.properties)).toEqual(
      expect.arrayContaining(["email_address", "one_click_unsubscribe_url", "sanitise_content_for", "email_reply_to_id", "scheduled_for"]),
    );
    expect(doc.paths["/v2/notifications/{id}"].get.responses["200"].content["application/json"].schema.required).toContain("cost_details");
  });
});
