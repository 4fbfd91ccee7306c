/**
 * The recipient of a per-recipient export, normalised exactly as the send path stores it in
 * notifications.normalised_to (prepare-message.ts): E.164 for a phone number ("06-1234 5678" →
 * "+31612345678"), trimmed and lower-cased for an email address. International numbers are
 * accepted whatever the service's permissions: a lookup sends nothing. Error messages never
 * repeat the value, so a refused lookup cannot echo a phone number into a log or a screen.
 */
import { Errors } from "../../errors";
import { validateEmailAddress, validatePhoneNumber } from "../recipients";

export interface EvidenceRecipient {
  channel: "sms" | "email";
  /** As stored in notifications.normalised_to. */
  normalised: string;
}

/** The query's two fields under the API's own names (phone_number / phoneNumber, …). */
export interface RecipientInput {
  phone: { field: string; value: string | undefined };
  email: { field: string; value: string | undefined };
}

/** Exactly one of the two must be given; an invalid one is a 400 naming the field. */
export function evidenceRecipient({ phone, email }: RecipientInput): EvidenceRecipient {
  const given = [phone, email].filter((f) => f.value !== undefined);
  if (given.length !== 1) {
    const message = `give exactly one of ${phone.field} and ${email.field}`;
    throw Errors.validation([message], [{ name: phone.field, reason: message }]);
  }
  if (phone.value !== undefined) {
    const result = validatePhoneNumber(phone.value, { allowInternational: true });
    if (!result.ok) throw invalid(phone.field, result.message);
    return { channel: "sms", normalised: result.e164 };
  }
  const result = validateEmailAddress(email.value ?? "");
  if (!result.ok) throw invalid(email.field, result.message);
  return { channel: "email", normalised: result.normalised };
}

function invalid(field: string, reason: string) {
  return Errors.validation([`${field} ${reason}`], [{ name: field, reason }]);
}
