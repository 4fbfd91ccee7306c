/**
 * GET /diensten/:serviceId/sjablonen (view): the service's templates in use, oldest first, 100 to a
 * page (src/admin/templates/list-service-templates.ts); archived ones behind
 * ?gearchiveerd=ja. Users who manage templates get the "Nieuw sjabloon" link.
 */
import { DEFAULT_PAGE_SIZE } from "../../../admin/shared/paging";
import { listServiceTemplates } from "../../../admin/templates/list-service-templates";
import type { TemplateRow } from "../../../admin/templates/template-object";
import { NotifyError } from "../../../errors";
import { isUuid } from "../../../lib/ids";
import { servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { dutchDateTime, TYPE_LABELS } from "../../templates/template-words";
import { Heading, Link, Paragraph, Table } from "../../ui/content";
import { Layout } from "../../ui/layout";
import { templatesPath } from "./template-request";

export const getTemplateList = servicePage("view", async (context) => {
  const { service, permissions } = context.access;
  const archived = context.url.searchParams.get("gearchiveerd") === "ja";
  const after = context.url.searchParams.get("na") ?? "";
  const page = await listServiceTemplates(
    context.services.db,
    service.id,
    { archived },
    { pageSize: DEFAULT_PAGE_SIZE, after: isUuid(after) ? after : undefined },
  ).catch((error: unknown) => {
    // A `na` id that is not in this list (an old link): start at the first page.
    if (error instanceof NotifyError && error.status === 400)
      return listServiceTemplates(context.services.db, service.id, { archived }, {});
    throw error;
  });
  const title = archived ? "Gearchiveerde sjablonen" : "Sjablonen";
  const base = templatesPath(service.id);
  const filter = archived ? "gearchiveerd=ja&" : "";
  return htmlPage(
    <Layout title={title} user={context.signedIn.user} csrfToken={context.csrfToken} service={context.layoutService} currentPath={base}>
      <Heading>{title}</Heading>
      <Paragraph>
        {archived
          ? "Met een gearchiveerd sjabloon kunnen geen berichten worden verstuurd. U kunt het terugzetten op de pagina van het sjabloon."
          : "Met een sjabloon verstuurt uw organisatie berichten per sms of e-mail. De tekst staat vast; de afzender vult alleen de gegevens per ontvanger in."}
      </Paragraph>
      {permissions.includes("manage_templates") && !archived ? (
        <Paragraph>
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${base}/nieuw`}>
            Nieuw sjabloon
          </a>
        </Paragraph>
      ) : null}
      <Table<TemplateRow>
        caption={title}
        rows={page.rows}
        empty={archived ? "Er zijn geen gearchiveerde sjablonen." : "Er zijn nog geen sjablonen."}
        columns={[
          { header: "Naam", cell: (row) => <Link href={templatesPath(service.id, row.id)}>{row.name}</Link> },
          { header: "Soort", cell: (row) => TYPE_LABELS[row.type] },
          { header: "Laatst gewijzigd", cell: (row) => dutchDateTime(row.updatedAt ?? row.createdAt) },
          { header: "Versie", cell: (row) => String(row.version), numeric: true },
        ]}
      />
      {page.nextAfter ? (
        <Paragraph>
          <Link href={`${base}?${filter}na=${page.nextAfter}`}>Volgende pagina</Link>
        </Paragraph>
      ) : null}
      <Paragraph>
        {archived ? (
          <Link href={base}>Terug naar de sjablonen in gebruik</Link>
        ) : (
          <Link href={`${base}?gearchiveerd=ja`}>Gearchiveerde sjablonen bekijken</Link>
        )}
      </Paragraph>
    </Layout>,
  );
});
