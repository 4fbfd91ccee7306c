/**
 * GET /diensten/:serviceId/sjablonen/:templateId (view): one template, its preview, the fields a
 * sender fills in (its placeholders), and what the user may do with it: change it, see its
 * versions, archive it or bring it back.
 */
import { findTemplate } from "../../../admin/templates/update-template";
import { servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { senderFields } from "../../templates/template-fields";
import { dutchDateTime, priorityLabel, TYPE_LABELS } from "../../templates/template-words";
import { Alert, Heading, Link, Paragraph } from "../../ui/content";
import { Layout } from "../../ui/layout";
import { ArchiveButton } from "./archive-button";
import { PreviewSection } from "./template-preview";
import { templatesPath } from "./template-request";

/** The ?melding= keys the template's handlers send the user back with. */
const NOTICES: Record<string, string> = {
  aangemaakt: "Het sjabloon is opgeslagen.",
  opgeslagen: "De wijziging is opgeslagen als nieuwe versie.",
  ongewijzigd: "Er was niets veranderd. Er is geen nieuwe versie gemaakt.",
  gearchiveerd: "Het sjabloon is gearchiveerd. Berichten met dit sjabloon kunnen niet meer worden verstuurd.",
  teruggezet: "Het sjabloon is teruggezet. U kunt er weer berichten mee versturen.",
};

export const getTemplate = servicePage("view", async (context) => {
  const { service, permissions } = context.access;
  const template = await findTemplate(context.services.db, service.id, String(context.request.params.templateId ?? ""));
  const notice = NOTICES[context.url.searchParams.get("melding") ?? ""];
  const manage = permissions.includes("manage_templates");
  const fields = senderFields(template.subject, template.body);
  return htmlPage(
    <Layout
      title={template.name}
      user={context.signedIn.user}
      csrfToken={context.csrfToken}
      service={context.layoutService}
      currentPath={context.url.pathname}
    >
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <Heading>{template.name}</Heading>
      <Paragraph>
        <Link href={templatesPath(service.id)}>Terug naar de sjablonen</Link>
      </Paragraph>
      {template.archived && !notice ? (
        <Alert kind="warning">Dit sjabloon is gearchiveerd. Berichten met dit sjabloon kunnen niet worden verstuurd.</Alert>
      ) : null}
      <dl class="utrecht-data-list utrecht-data-list--rows">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Soort bericht</dt>
          <dd class="utrecht-data-list__item-value">{TYPE_LABELS[template.type]}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Hoe snel</dt>
          <dd class="utrecht-data-list__item-value">{priorityLabel(template.priority)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Versie</dt>
          <dd class="utrecht-data-list__item-value">{template.version}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Laatst gewijzigd</dt>
          <dd class="utrecht-data-list__item-value">{dutchDateTime(template.updatedAt ?? template.createdAt)}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Sjabloon-ID (voor de API)</dt>
          <dd class="utrecht-data-list__item-value">
            <code>{template.id}</code>
          </dd>
        </div>
      </dl>
      <div class="console-actions">
        {manage && !template.archived ? <Link href={templatesPath(service.id, template.id, "bewerken")}>Sjabloon wijzigen</Link> : null}
        <Link href={templatesPath(service.id, template.id, "versies")}>Versies bekijken</Link>
        {manage ? <ArchiveButton template={template} csrfToken={context.csrfToken} /> : null}
      </div>
      <Heading level={2}>Gegevens die de afzender invult</Heading>
      {fields.length === 0 ? (
        <Paragraph>Dit sjabloon heeft geen gegevens om in te vullen: elk bericht is hetzelfde.</Paragraph>
      ) : (
        <>
          <Paragraph>Wie een bericht met dit sjabloon verstuurt, geeft deze gegevens mee (personalisation in de API):</Paragraph>
          <ul class="utrecht-unordered-list">
            {fields.map((name) => (
              <li class="utrecht-unordered-list__item">
                <code>{name}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <PreviewSection content={{ type: template.type, subject: template.subject ?? "", body: template.body }} />
    </Layout>,
    { inlineStyles: true },
  );
});
