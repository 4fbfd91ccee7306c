/**
 * One notification on the evidence page: what was sent, to whom, when, through which provider,
 * who sent it, and its timeline. Every value is a JSX child or attribute, so hono/jsx escapes it:
 * a body or reference holding `<script>` shows as text.
 */
import { channelLabel, keyTypeLabel, statusLabel } from "./dutch-labels";
import type { EvidenceRecord } from "./evidence-record";
import { Moment } from "./evidence-time";
import { Timeline } from "./evidence-timeline";

const Row = ({ term, children }: { term: string; children: unknown }) => (
  <div>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </div>
);

function sentBy(record: EvidenceRecord): string {
  const { apiKey, job, keyType } = record.sentBy;
  const key = apiKey ? `API-sleutel "${apiKey.name}" (${keyTypeLabel(keyType)})` : `een ${keyTypeLabel(keyType)}-sleutel`;
  return job ? `Bulkopdracht "${job.name}" (${job.id}), met ${key}` : key;
}

export function RecordSection({ record }: { record: EvidenceRecord }) {
  const email = record.channel === "email";
  return (
    <section class="record" aria-labelledby={`bericht-${record.id}`}>
      <h2 id={`bericht-${record.id}`}>{`Bericht ${record.id} (${channelLabel(record.channel).toLowerCase()})`}</h2>
      <dl>
        <Row term="Verstuurd aan">{record.to}</Row>
        <Row term="Status nu">{`${statusLabel(record.status)} (${record.status})`}</Row>
        <Row term="Aangemaakt">
          <Moment at={record.createdAt} />
        </Row>
        <Row term="Verstuurd">
          <Moment at={record.sentAt} />
        </Row>
        <Row term="Afgerond">
          <Moment at={record.completedAt} />
        </Row>
        <Row term="Verstuurd door">{sentBy(record)}</Row>
        <Row term={email ? "Antwoordadres" : "Afzender"}>{record.senderText ?? "—"}</Row>
        <Row term="Sjabloon">{`${record.template.name ?? "onbekend"} (versie ${record.template.version}, ${record.template.id})`}</Row>
        <Row term="Kenmerk van de organisatie">{record.reference ?? "—"}</Row>
        <Row term="Verzendpartij">{record.provider ?? "—"}</Row>
        <Row term="Kenmerk bij de verzendpartij">{record.providerReference ?? "—"}</Row>
        <Row term="Poging">{record.attempt === 1 ? "Eerste poging" : `Poging ${record.attempt}`}</Row>
        {record.fallbackOf ? <Row term="Vervolgbericht van">{record.fallbackOf}</Row> : null}
        {record.fallbackNotificationId ? <Row term="Vervolgbericht">{record.fallbackNotificationId}</Row> : null}
      </dl>
      <h3>Inhoud van het bericht</h3>
      {email ? <p class="subject">{`Onderwerp: ${record.subject ?? ""}`}</p> : null}
      <div class="body">{record.body}</div>
      <h3>Tijdlijn</h3>
      <Timeline notificationId={record.id} history={record.history} />
    </section>
  );
}
