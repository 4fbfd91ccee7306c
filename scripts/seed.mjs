// The demo tenant that `npm start` creates on an empty database; also used by e2e tests and benchmarks.
//   import { seedDemo } from "./scripts/seed.mjs";
//   const demo = await seedDemo("http://127.0.0.1:8787", adminToken);
import { createAdminClient } from "./admin-client.mjs";

export const DEMO = {
  organisation: "Gemeente Voorbeeld",
  /** The console's demo user, with every permission on the demo service (its password is random). */
  consoleUser: { emailAddress: "demo@gemeente-voorbeeld.nl", name: "Demo Gebruiker" },
  service: "Parkeervergunningen",
  smsTemplate: {
    name: "Parkeervergunning verlengd (sms)",
    type: "sms",
    body: "Beste ((naam)), uw parkeervergunning ((kenteken)) is verlengd tot ((datum)).",
  },
  emailTemplate: {
    name: "Parkeervergunning verlengd (e-mail)",
    type: "email",
    subject: "Uw parkeervergunning",
    body: [
      "# Uw parkeervergunning is verlengd",
      "",
      "Beste ((naam)),",
      "",
      "Uw parkeervergunning voor het voertuig met kenteken **((kenteken))** is verlengd tot ((datum)).",
      "",
      "* U hoeft niets te doen.",
      "* De vergunning staat op uw kenteken; een papieren kaart is niet nodig.",
      "",
      "Met vriendelijke groet,",
      "",
      "Gemeente Voorbeeld",
    ].join("\n"),
  },
};

/**
 * Creates the demo organisation, a live service, a normal and a test API key and two templates.
 * @param {string} baseUrl e.g. "http://127.0.0.1:8787"
 * @param {string} adminToken the ADMIN_TOKEN
 * @param {{ organisationName?: string, serviceName?: string, restricted?: boolean }} [options]
 *   other names let tests and benchmarks seed more than one demo tenant into one database
 * @returns {Promise<{ organisationId: string, serviceId: string,
 *   keys: { normal: { id: string, key: string }, test: { id: string, key: string } },
 *   smsTemplateId: string, emailTemplateId: string }>}
 */
export async function seedDemo(baseUrl, adminToken, options = {}) {
  const admin = createAdminClient(baseUrl, adminToken);
  const organisation = await admin.request("POST", "/admin/v1/organisations", { name: options.organisationName ?? DEMO.organisation });
  const service = await admin.request("POST", "/admin/v1/services", {
    organisation_id: organisation.id,
    name: options.serviceName ?? DEMO.service,
    // Live, so the demo can send to any number; new services are in trial mode by default.
    restricted: options.restricted ?? false,
  });
  const base = `/admin/v1/services/${service.id}`;
  const normal = await admin.request("POST", `${base}/api-keys`, { name: "demo live", key_type: "normal" });
  const test = await admin.request("POST", `${base}/api-keys`, { name: "demo test", key_type: "test" });
  const sms = await admin.request("POST", `${base}/templates`, DEMO.smsTemplate);
  const email = await admin.request("POST", `${base}/templates`, DEMO.emailTemplate);
  return {
    organisationId: organisation.id,
    serviceId: service.id,
    keys: { normal: { id: normal.id, key: normal.key }, test: { id: test.id, key: test.key } },
    smsTemplateId: sms.id,
    emailTemplateId: email.id,
  };
}
