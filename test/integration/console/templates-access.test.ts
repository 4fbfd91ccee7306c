/**
 * Who may do what on the template pages (src/console/pages/templates/): a user with only `view`
 * reads but gets 403 on every change, and a template id of another organisation or of another
 * service of the same organisation is a 404, never a peek.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, type Tenant } from "../../support/fixtures";
import { get, pageText, post, type SignedInUser, signedIn, templateRow } from "./templates-helpers";

let tenant: Tenant;
let sibling: Tenant;
let stranger: Tenant;
let viewer: SignedInUser;
let manager: SignedInUser;
const base = () => `/diensten/${tenant.serviceId}/sjablonen`;

beforeAll(async () => {
  tenant = await createTenant();
  sibling = await createTenant({ organisationId: tenant.organisationId });
  stranger = await createTenant();
  viewer = await signedIn(tenant, ["view"]);
  manager = await signedIn(tenant);
});

describe("template pages: permissions and ids", () => {
  it("a user with view reads the list, the template and its versions, without the links to change them", async () => {
    const list = await get(viewer, base());
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(pageText(listHtml)).toContain("SMS template");
    expect(listHtml).not.toContain("Nieuw sjabloon");
    const page = await get(viewer, `${base()}/${tenant.smsTemplateId}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).not.toContain("/bewerken");
    expect(pageHtml).not.toContain("/archiveren");
    expect(pageHtml).toContain(`${base()}/${tenant.smsTemplateId}/versies`);
    expect((await get(viewer, `${base()}/${tenant.smsTemplateId}/versies`)).status).toBe(200);
  });

  it("a user with manage_templates gets the 'Nieuw sjabloon' link and the links to change", async () => {
    expect(await (await get(manager, base())).text()).toContain(`href="${base()}/nieuw"`);
    const html = await (await get(manager, `${base()}/${tenant.smsTemplateId}`)).text();
    expect(html).toContain(`${base()}/${tenant.smsTemplateId}/bewerken`);
    expect(html).toContain(`${base()}/${tenant.smsTemplateId}/archiveren`);
  });

  it("a user with only view gets 403 on new, edit, preview, archive and unarchive, and nothing changes", async () => {
    const id = tenant.smsTemplateId;
    const fields = { soort: "sms", naam: "Niet toegestaan", tekst: "Tekst", prioriteit: "normal" };
    const answers = [
      await get(viewer, `${base()}/nieuw`),
      await post(viewer, `${base()}/nieuw`, fields),
      await post(viewer, `${base()}/voorbeeld`, fields),
      await get(viewer, `${base()}/${id}/bewerken`),
      await post(viewer, `${base()}/${id}/bewerken`, fields),
      await post(viewer, `${base()}/${id}/archiveren`),
      await post(viewer, `${base()}/${id}/terugzetten`),
    ];
    for (const answer of answers) expect(answer.status).toBe(403);
    expect(await templateRow(id)).toMatchObject({ name: "SMS template", version: 1, archived: false });
  });

  it("another organisation's template id is a 404 on every page, and is left alone", async () => {
    const id = stranger.smsTemplateId;
    const answers = [
      await get(manager, `${base()}/${id}`),
      await get(manager, `${base()}/${id}/bewerken`),
      await get(manager, `${base()}/${id}/versies`),
      await post(manager, `${base()}/${id}/bewerken`, { naam: "Overgenomen", tekst: "Tekst", prioriteit: "normal" }),
      await post(manager, `${base()}/${id}/archiveren`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(await answer.text()).toContain("Pagina niet gevonden");
    }
    expect(await templateRow(id)).toMatchObject({ name: "SMS template", version: 1, archived: false });
  });

  it("a template of another service of the same organisation is a 404 under this service's address", async () => {
    const id = sibling.emailTemplateId;
    expect((await get(manager, `${base()}/${id}`)).status).toBe(404);
    expect((await get(manager, `${base()}/${id}/versies`)).status).toBe(404);
    expect((await post(manager, `${base()}/${id}/archiveren`)).status).toBe(404);
    expect((await templateRow(id))?.archived).toBe(false);
    // Nor under its own service's address, whose team the user is not on.
    expect((await get(manager, `/diensten/${sibling.serviceId}/sjablonen/${id}`)).status).toBe(404);
  });

  it("an id that is not a template is a 404", async () => {
    expect((await get(manager, `${base()}/bestaat-niet`)).status).toBe(404);
    expect((await get(manager, `${base()}/${crypto.randomUUID()}/versies`)).status).toBe(404);
  });
});
