/**
 * The printable Dutch evidence page ("Bewijs van verzending"), one notification or every
 * notification to one recipient. Rendered with hono/jsx, which escapes every text and attribute;
 * the page has no scripts and one inline style, which the response's Content-Security-Policy
 * allows by its hash (the style has no characters the escaper would change, so the hash of
 * EVIDENCE_STYLE is the hash of what the browser sees).
 */
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { EvidenceHeader } from "./evidence-record";
import { RecordSection } from "./evidence-record-section";
import { Moment } from "./evidence-time";
import type { NotificationEvidence } from "./load-notification-evidence";
import type { RecipientEvidence } from "./load-recipient-evidence";

export const EVIDENCE_STYLE = [
  "body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #111; }",
  "dl div { display: flex; gap: 1rem; } dt { font-weight: bold; min-width: 14rem; } dd { margin: 0; }",
  ".body { white-space: pre-wrap; border: 1px solid #999; padding: 0.75rem; overflow-wrap: anywhere; }",
  "table { border-collapse: collapse; width: 100%; font-size: 0.9rem; } caption { text-align: left; font-weight: bold; }",
  "th, td { border: 1px solid #999; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }",
  ".utc { color: #444; white-space: nowrap; } .note { border-left: 4px solid #444; padding-left: 0.75rem; }",
  "@media print { body { margin: 0; max-width: none; font-size: 10pt; } .record + .record { break-before: page; } tr { break-inside: avoid; } }",
].join("\n");

/** The page and the inline style its Content-Security-Policy must allow. */
export interface HtmlPage {
  html: string;
  inlineStyle: string;
}

function Document({ title, header, children }: { title: string; header: EvidenceHeader; children: Child }) {
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} – ${header.service.name}`}</title>
        <style>{EVIDENCE_STYLE}</style>
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          <p>
            {`Dit overzicht laat zien wat ${header.organisation.name} met de dienst "${header.service.name}" heeft verstuurd, aan wie en wanneer. Ook staat erin wat er daarna met elk bericht is gebeurd.`}
          </p>
          <dl>
            <div>
              <dt>Organisatie</dt>
              <dd>{`${header.organisation.name} (${header.organisation.id})`}</dd>
            </div>
            <div>
              <dt>Dienst</dt>
              <dd>{`${header.service.name} (${header.service.id})`}</dd>
            </div>
            <div>
              <dt>Gemaakt op</dt>
              <dd>
                <Moment at={header.generatedAt} />
              </dd>
            </div>
            <div>
              <dt>Gemaakt door</dt>
              <dd>{header.deployment}</dd>
            </div>
          </dl>
          {children}
          <p>
            {`Tijden staan in Nederlandse tijd, met de UTC-tijd ernaast. De dienst bewaart berichten ${header.service.retentionDays} dagen; oudere berichten staan niet in dit overzicht.`}
          </p>
        </main>
      </body>
    </html>
  );
}

async function page(node: Child): Promise<HtmlPage> {
  return { html: String(await html`<!DOCTYPE html>${node}`), inlineStyle: EVIDENCE_STYLE };
}

export function notificationEvidencePage(evidence: NotificationEvidence): Promise<HtmlPage> {
  return page(
    <Document title="Bewijs van verzending" header={evidence}>
      <RecordSection record={evidence.record} />
    </Document>,
  );
}

export function recipientEvidencePage(evidence: RecipientEvidence): Promise<HtmlPage> {
  const count = evidence.records.length;
  return page(
    <Document title="Bewijs van verzending aan één ontvanger" header={evidence}>
      <h2>Ontvanger</h2>
      <p>{`Verstuurd aan ${evidence.recipient.normalised}: ${count === 1 ? "1 bericht" : `${count} berichten`}, het nieuwste eerst.`}</p>
      {count === 0 ? <p>Er zijn geen berichten aan deze ontvanger gevonden.</p> : null}
      {evidence.truncated ? (
        <p class="note">{`Dit overzicht is ingekort: alleen de nieuwste ${evidence.limit} berichten staan erin. Oudere berichten zijn weggelaten.`}</p>
      ) : null}
      {evidence.records.map((record) => (
        <RecordSection record={record} />
      ))}
    </Document>,
  );
}
