/**
 * The template form's values checked in Dutch, before the domain functions
 * (src/admin/templates/create-template.ts, update-template.ts) check them again in English, and
 * those English refusals put back in Dutch at the field they are about. Field names are the form's
 * (Dutch); the result is the domain's NewTemplate.
 */
import type { NewTemplate } from "../../admin/templates/create-template";
import { TEMPLATE_PRIORITIES, TEMPLATE_TYPES, type TemplatePriority, type TemplateType } from "../../admin/templates/template-object";
import { EMAIL_BODY_LIMIT, NAME_LIMIT, SMS_CHAR_LIMIT, SUBJECT_LIMIT } from "../../admin/templates/template-rules";
import type { NotifyError } from "../../errors";

export type TemplateFormValues = {
  soort: string;
  naam: string;
  onderwerp: string;
  tekst: string;
  prioriteit: string;
};

export type TemplateFormErrors = Partial<Record<keyof TemplateFormValues, string>>;

export const isTemplateType = (value: string): value is TemplateType => (TEMPLATE_TYPES as readonly string[]).includes(value);
const isPriority = (value: string): value is TemplatePriority => (TEMPLATE_PRIORITIES as readonly string[]).includes(value);
const dutchNumber = (count: number) => count.toLocaleString("nl-NL");

export type CheckedTemplate = { ok: true; template: NewTemplate } | { ok: false; errors: TemplateFormErrors };

export function checkTemplateForm(values: TemplateFormValues): CheckedTemplate {
  const errors: TemplateFormErrors = {};
  const type = isTemplateType(values.soort) ? values.soort : null;
  if (!type) errors.soort = "Kies of het sjabloon voor een sms of een e-mail is.";
  if (values.naam === "") errors.naam = "Vul een naam in voor het sjabloon.";
  else if ([...values.naam].length > NAME_LIMIT) errors.naam = `De naam mag niet langer zijn dan ${NAME_LIMIT} tekens.`;
  if (type === "email") {
    if (values.onderwerp === "") errors.onderwerp = "Vul een onderwerp in voor de e-mail.";
    else if ([...values.onderwerp].length > SUBJECT_LIMIT)
      errors.onderwerp = `Het onderwerp mag niet langer zijn dan ${dutchNumber(SUBJECT_LIMIT)} tekens.`;
  }
  const length = [...values.tekst].length;
  if (values.tekst.trim() === "") errors.tekst = "Vul de tekst van het bericht in.";
  else if (type === "sms" && length > SMS_CHAR_LIMIT)
    errors.tekst = `De sms is te lang. Een sms mag niet langer zijn dan ${SMS_CHAR_LIMIT} tekens. Uw tekst is ${dutchNumber(length)} tekens.`;
  else if (type === "email" && length > EMAIL_BODY_LIMIT)
    errors.tekst = `De tekst is te lang. Een e-mail mag niet langer zijn dan ${dutchNumber(EMAIL_BODY_LIMIT)} tekens.`;
  if (!isPriority(values.prioriteit)) errors.prioriteit = "Kies hoe snel de berichten verstuurd moeten worden.";
  if (!type || !isPriority(values.prioriteit) || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    template: {
      type,
      name: values.naam,
      subject: type === "email" ? values.onderwerp : undefined,
      body: values.tekst,
      priority: values.prioriteit,
    },
  };
}

/** A 400 of the domain functions, in Dutch: at a field when it is about one, else for the whole form. */
export function dutchRefusal(error: NotifyError): { errors: TemplateFormErrors; problem?: string } {
  const errors: TemplateFormErrors = {};
  for (const { message } of error.errors) {
    if (message.startsWith("subject is not allowed")) errors.onderwerp = "Een sms heeft geen onderwerp.";
    else if (message.startsWith("subject")) errors.onderwerp = "Vul een onderwerp in voor de e-mail.";
    else if (message.startsWith("body")) errors.tekst = "De tekst is te lang.";
    else if (message.startsWith("Template is archived"))
      return { errors, problem: "Dit sjabloon is gearchiveerd. Zet het eerst terug voordat u het wijzigt." };
    else if (message.includes("changed by another request"))
      return { errors, problem: "Iemand anders heeft dit sjabloon net gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw." };
  }
  return Object.keys(errors).length > 0 ? { errors } : { errors, problem: "Het sjabloon kon niet worden opgeslagen. Probeer het opnieuw." };
}
