/**
 * What a user types as a trial recipient: an email address (it has an @) or a mobile number,
 * checked with the same rules as sending (src/notifications/recipients.ts) and normalised the
 * way team members are stored (lower-case address, E.164 number), with Dutch messages.
 */
import type { NewTeamMember } from "../../../admin/team-members/create-team-member";
import { PHONE_ERRORS, validateEmailAddress, validatePhoneNumber } from "../../../notifications/recipients";

const PHONE_MESSAGES: Record<string, string> = {
  [PHONE_ERRORS.tooShort]: "Het telefoonnummer heeft te weinig cijfers.",
  [PHONE_ERRORS.tooLong]: "Het telefoonnummer heeft te veel cijfers.",
  [PHONE_ERRORS.symbols]: "Vul een e-mailadres in, zoals naam@gemeente.nl, of een mobiel nummer, zoals 06 12345678.",
  [PHONE_ERRORS.countryPrefix]: "De landcode van het telefoonnummer klopt niet.",
  [PHONE_ERRORS.invalid]: "Dit telefoonnummer bestaat niet. Controleer het nummer.",
  [PHONE_ERRORS.notDutchMobile]: "Dit is geen mobiel nummer. Vul een mobiel nummer in, zoals 06 12345678.",
  [PHONE_ERRORS.international]: "Deze dienst mag geen sms versturen naar buitenlandse nummers.",
};

export type TrialRecipientInput = { ok: true; member: NewTeamMember } | { ok: false; message: string };

export function parseTrialRecipient(input: string, options: { allowInternational: boolean }): TrialRecipientInput {
  const text = input.trim();
  if (text === "") return { ok: false, message: "Vul een e-mailadres of een mobiel nummer in." };
  if (text.includes("@")) {
    const email = validateEmailAddress(text);
    return email.ok
      ? { ok: true, member: { email_address: email.normalised } }
      : { ok: false, message: "Vul een geldig e-mailadres in, zoals naam@gemeente.nl." };
  }
  const phone = validatePhoneNumber(text, options);
  if (phone.ok) return { ok: true, member: { phone_number: phone.e164 } };
  return { ok: false, message: PHONE_MESSAGES[phone.message] ?? "Dit telefoonnummer klopt niet. Controleer het nummer." };
}
