/**
 * The preview region of the template pages: an SMS as it will be sent, with its length, the
 * number of text messages it costs and its character set; an email's subject and the email
 * itself in a sandboxed frame (the page is served with inline styles allowed, for the email's
 * own styles). The region is aria-live, so a screen reader hears the new preview when
 * public/console/template-preview.js replaces it.
 */
import type { Child } from "hono/jsx";
import type { TemplateType } from "../../../admin/templates/template-object";
import { SMS_CHAR_LIMIT } from "../../../admin/templates/template-rules";
import { emailPreview } from "../../templates/email-preview";
import type { TextSegment } from "../../templates/placeholder-segments";
import { smsPreview } from "../../templates/sms-preview";
import { Alert, Paragraph } from "../../ui/content";

const PREVIEW_REGION_ID = "voorbeeld";

export interface PreviewContent {
  type: TemplateType | null;
  subject: string;
  body: string;
}

function Segments({ segments }: { segments: TextSegment[] }) {
  return <>{segments.map((segment) => (segment.placeholder ? <mark class="console-placeholder">{segment.text}</mark> : segment.text))}</>;
}

function DataRow({ label, children }: { label: string; children: Child }) {
  return (
    <div class="utrecht-data-list__item">
      <dt class="utrecht-data-list__item-key">{label}</dt>
      <dd class="utrecht-data-list__item-value">{children}</dd>
    </div>
  );
}

const PLACEHOLDER_NOTE = "Tussen dubbele haakjes, zoals ((naam)), staan de gegevens die de afzender bij het versturen invult.";
const COUNT_NOTE = "De telling gaat uit van de tekst zoals hij nu is: ingevulde gegevens maken het bericht langer of korter.";

function SmsPreviewView({ body }: { body: string }) {
  const sms = smsPreview(body);
  if (sms.segments.length === 0) return <Paragraph>Er is nog geen tekst. Vul een tekst in om het voorbeeld te zien.</Paragraph>;
  const unicode = sms.encoding === "ucs2";
  return (
    <>
      {sms.tooLong ? (
        <Alert kind="warning">
          De sms is te lang: hij mag niet langer zijn dan {SMS_CHAR_LIMIT} tekens. Uw tekst is {sms.templateLength} tekens.
        </Alert>
      ) : null}
      <p class="console-sms-bubble">
        <Segments segments={sms.segments} />
      </p>
      <dl class="utrecht-data-list utrecht-data-list--rows">
        <DataRow label="Aantal tekens">{sms.characterCount}</DataRow>
        <DataRow label="Aantal sms-berichten">{sms.fragments}</DataRow>
        <DataRow label="Tekenset">{unicode ? "Unicode" : "Standaardtekens (GSM-7)"}</DataRow>
      </dl>
      {unicode ? (
        <Paragraph>
          De tekst heeft tekens die niet bij de standaardtekens horen: {sms.unicodeCharacters.join(" ")}. Daarom gaat de sms als Unicode.
          Dan past er minder tekst in één sms: 70 tekens in plaats van 160. Een langer bericht gaat in delen van 67 tekens in plaats van
          153. Zo kost het bericht sneller meer sms-berichten.
        </Paragraph>
      ) : (
        <Paragraph>
          De tekst heeft alleen standaardtekens (GSM-7). Er passen 160 tekens in één sms. Een langer bericht gaat in delen van 153 tekens.
        </Paragraph>
      )}
      <Paragraph>
        {PLACEHOLDER_NOTE} {COUNT_NOTE}
      </Paragraph>
    </>
  );
}

function EmailPreviewView({ subject, body }: { subject: string; body: string }) {
  if (body.trim() === "" && subject.trim() === "")
    return <Paragraph>Er is nog geen onderwerp en tekst. Vul ze in om het voorbeeld te zien.</Paragraph>;
  const email = emailPreview(subject, body);
  return (
    <>
      <dl class="utrecht-data-list utrecht-data-list--rows">
        <DataRow label="Onderwerp">
          <Segments segments={email.subject} />
        </DataRow>
      </dl>
      <iframe sandbox="" title="Voorbeeld van de e-mail" srcdoc={email.html} />
      <Paragraph>{PLACEHOLDER_NOTE}</Paragraph>
    </>
  );
}

/** The region itself: what the script replaces, and what POST …/sjablonen/voorbeeld answers. */
export function PreviewRegion({ content, url }: { content: PreviewContent; url?: string | undefined }) {
  return (
    <div id={PREVIEW_REGION_ID} class="console-preview" aria-live="polite" data-voorbeeld-url={url}>
      {content.type === "sms" ? (
        <SmsPreviewView body={content.body} />
      ) : content.type === "email" ? (
        <EmailPreviewView subject={content.subject} body={content.body} />
      ) : (
        <Paragraph>Kies eerst of het sjabloon voor een sms of een e-mail is. Dan ziet u hier een voorbeeld.</Paragraph>
      )}
    </div>
  );
}

/** The preview with its heading, as a page section. */
export function PreviewSection({ content, url }: { content: PreviewContent; url?: string | undefined }) {
  return (
    <section aria-labelledby="voorbeeld-titel">
      <h2 class="nl-heading nl-heading--level-2" id="voorbeeld-titel">
        Voorbeeld
      </h2>
      <PreviewRegion content={content} url={url} />
    </section>
  );
}
