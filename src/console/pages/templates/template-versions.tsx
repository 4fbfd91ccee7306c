/**
 * GET /diensten/:serviceId/sjablonen/:templateId/versies (view): the newest versions of a template,
 * newest first (src/admin/templates/list-template-versions.ts), with who made it, when (Dutch
 * time) and what changed compared with the version before.
 */
import { listTemplateVersions } from "../../../admin/templates/list-template-versions";
import { servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { dutchDateTime } from "../../templates/template-words";
import { versionChanges } from "../../templates/version-changes";
import { Heading, Link, Paragraph } from "../../ui/content";
import { Layout } from "../../ui/layout";
import { templatesPath } from "./template-request";
import { VersionDiff } from "./version-diff";

/** Versions shown, each diffed with the one before: the page's work stays bounded however often a template changed. */
const VERSIONS_SHOWN = 20;

export const getTemplateVersions = servicePage("view", async (context) => {
  const { service } = context.access;
  // One more than shown: the oldest shown version is compared with the one before it.
  const { template, versions: loaded } = await listTemplateVersions(
    context.services.db,
    service.id,
    String(context.request.params.templateId ?? ""),
    VERSIONS_SHOWN + 1,
  );
  const versions = loaded.slice(0, VERSIONS_SHOWN);
  return htmlPage(
    <Layout
      title={`Versies van ${template.name}`}
      user={context.signedIn.user}
      csrfToken={context.csrfToken}
      service={context.layoutService}
      currentPath={context.url.pathname}
    >
      <Heading>Versies van {template.name}</Heading>
      <Paragraph>
        <Link href={templatesPath(service.id, template.id)}>Terug naar het sjabloon</Link>
      </Paragraph>
      <Paragraph>De nieuwste versie staat bovenaan. Berichten die al zijn verstuurd, houden de versie waarmee ze zijn verstuurd.</Paragraph>
      {template.version > VERSIONS_SHOWN ? (
        <Paragraph>{`Hier staan de ${VERSIONS_SHOWN} nieuwste van de ${template.version} versies.`}</Paragraph>
      ) : null}
      {versions.map((version, index) => {
        const previous = loaded[index + 1];
        return (
          <section class="console-version" aria-labelledby={`versie-${version.version}`}>
            <h2 class="nl-heading nl-heading--level-2" id={`versie-${version.version}`}>
              Versie {version.version}
              {version.version === template.version ? " (huidige versie)" : ""}
            </h2>
            <dl class="utrecht-data-list utrecht-data-list--rows">
              <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">{previous ? "Gewijzigd door" : "Gemaakt door"}</dt>
                <dd class="utrecht-data-list__item-value">{version.createdBy}</dd>
              </div>
              <div class="utrecht-data-list__item">
                <dt class="utrecht-data-list__item-key">Datum</dt>
                <dd class="utrecht-data-list__item-value">{dutchDateTime(version.createdAt)}</dd>
              </div>
            </dl>
            {previous ? (
              <VersionDiff changes={versionChanges(previous, version)} />
            ) : (
              <Paragraph>Dit is de eerste versie: het sjabloon is toen gemaakt.</Paragraph>
            )}
          </section>
        );
      })}
    </Layout>,
  );
});
