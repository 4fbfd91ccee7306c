/**
 * The template form, for a new template and for a change: type (new only), name, subject (email),
 * text and priority lane, with "Voorbeeld bekijken" (shows the preview, saves nothing) and
 * "Opslaan", and the preview beside it. No maxlength: a browser would cut a pasted text without
 * saying so; the server says what is too long. public/console/template-preview.js updates the preview
 * while the user types; without JavaScript the preview button does the same with a page post.
 */
import type { TemplateType } from "../../../admin/templates/template-object";
import { isTemplateType } from "../../templates/template-input";
import { PRIORITY_CHOICES, TYPE_LABELS } from "../../templates/template-words";
import { Alert, Paragraph } from "../../ui/content";
import { ChoiceGroup, ErrorSummary, type FormState, HiddenCsrf, SubmitButton, TextArea, TextField } from "../../ui/forms";
import { PreviewSection } from "./template-preview";

export interface TemplateFormProps {
  form: FormState;
  csrfToken: string;
  /** Where the live preview posts to (POST …/sjablonen/voorbeeld). */
  previewUrl: string;
  /** The type of the template being changed; a new template's type is chosen in the form. */
  fixedType?: TemplateType | undefined;
  /** A refusal that is about the whole form, not one field. */
  problem?: string | undefined;
}

const TYPE_CHOICES = [
  { value: "sms", label: "Sms" },
  { value: "email", label: "E-mail" },
];

const BODY_HINT =
  "Zet gegevens die per ontvanger anders zijn tussen dubbele haakjes, zoals ((naam)). De afzender vult ze in bij het versturen.";

export function TemplateForm({ form, csrfToken, previewUrl, fixedType, problem }: TemplateFormProps) {
  const type = fixedType ?? (isTemplateType(form.values.soort ?? "") ? (form.values.soort as TemplateType) : null);
  return (
    <>
      <ErrorSummary form={form} />
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <div class="console-columns">
        <form method="post" novalidate id="sjabloon-formulier">
          <HiddenCsrf token={csrfToken} />
          {form.values.versie ? <input type="hidden" name="versie" value={form.values.versie} /> : null}
          {fixedType ? (
            <>
              <input type="hidden" name="soort" value={fixedType} />
              <Paragraph>Soort bericht: {TYPE_LABELS[fixedType]}</Paragraph>
            </>
          ) : (
            <ChoiceGroup name="soort" legend="Soort bericht" form={form} choices={TYPE_CHOICES} />
          )}
          <TextField
            name="naam"
            label="Naam van het sjabloon"
            hint="Alleen uw team ziet deze naam. Bijvoorbeeld: Bevestiging afspraak."
            form={form}
          />
          {fixedType === "sms" ? null : (
            // Hidden (not left out) for a new SMS, so the script can show it again when e-mail is chosen.
            <div class="console-subject-field" hidden={type === "sms"}>
              <TextField
                name="onderwerp"
                label="Onderwerp"
                hint={fixedType ? "Het onderwerp van de e-mail." : "Alleen voor een e-mail. Bij een sms blijft dit leeg."}
                form={form}
              />
            </div>
          )}
          <TextArea name="tekst" label="Tekst van het bericht" hint={BODY_HINT} form={form} rows={10} />
          <ChoiceGroup
            name="prioriteit"
            legend="Hoe snel moeten de berichten weg?"
            hint="Kies de wachtrij voor berichten met dit sjabloon."
            form={form}
            choices={PRIORITY_CHOICES}
          />
          <div class="console-actions">
            <SubmitButton variant="secondary" name="actie" value="voorbeeld">
              Voorbeeld bekijken
            </SubmitButton>
            <SubmitButton name="actie" value="opslaan">
              Opslaan
            </SubmitButton>
          </div>
        </form>
        <PreviewSection content={{ type, subject: form.values.onderwerp ?? "", body: form.values.tekst ?? "" }} url={previewUrl} />
      </div>
      <script src="/console/template-preview.js" defer />
    </>
  );
}
