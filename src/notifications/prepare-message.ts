/**
 * Per-recipient work, pure and synchronous: personalisation, rendering, length limits, recipient
 * validation, the team/trial allow-list and (when the context has them loaded) opt-outs. Shared by single sends and bulk jobs; throws the
 * Notify error for the first problem it finds, in Notify's order (template, then recipient).
 */
import { Errors, type NotifyError } from "../errors";
import { checkPersonalisation, usedPersonalisation } from "./personalisation";
import { isSmokeTestRecipient, validateEmailAddress, validatePhoneNumber } from "./recipients";
import { renderEmail } from "./render/email";
import { missingPersonalisation } from "./render/placeholders";
import { checkSmsLength, renderSms } from "./render/sms";
import type { SendContext } from "./send-context";

export interface MessageInput {
  recipient: string;
  personalisation: Record<string, unknown>;
  sanitiseContentFor?: string[] | null;
  oneClickUnsubscribeUrl?: string | null;
}

export interface PreparedMessage {
  /** Recipient as submitted. */
  to: string;
  normalisedTo: string;
  international: boolean;
  body: string;
  subject: string | null;
  billableUnits: number;
  /** Smoke-test recipients get a 201 but are never stored or sent. */
  smokeTest: boolean;
  sanitised: Record<string, { unsanitised: string; sanitised: string }>;
  /** The values the template uses: what is stored with the notification. */
  personalisation: Record<string, unknown>;
}

const MAX_EMAIL_BYTES = 2_000_000;
/**
 * What one notification row may hold in body, subject and personalisation together: D1 refuses a
 * row over 2,000,000 bytes, and the other columns need room too.
 */
export const MAX_STORED_BYTES = 1_950_000;

export function prepareMessage(context: SendContext, input: MessageInput): PreparedMessage {
  const { template } = context;
  checkPersonalisation(input.personalisation);
  const parts = template.type === "email" ? [template.subject ?? "", template.body] : [template.body];
  const missing = missingPersonalisation(parts, input.personalisation);
  if (missing.length > 0) throw Errors.missingPersonalisation(missing);

  let body: string;
  let subject: string | null = null;
  let billableUnits = 0;
  let sanitised: PreparedMessage["sanitised"] = {};
  if (template.type === "sms") {
    const sms = renderSms(template.body, input.personalisation);
    if (sms.content.trim() === "") throw Errors.emptyMessage();
    const tooLong = checkSmsLength(sms.content);
    if (tooLong) throw Errors.badRequest(tooLong);
    body = sms.content;
    billableUnits = sms.fragments;
  } else {
    const email = renderEmail({ subject: template.subject ?? "", body: template.body }, input.personalisation, {
      sanitiseContentFor: input.sanitiseContentFor ?? null,
      oneClickUnsubscribeUrl: input.oneClickUnsubscribeUrl ?? null,
    });
    if (email.body.trim() === "") throw Errors.emptyMessage();
    const bytes = new TextEncoder().encode(email.body).byteLength;
    if (bytes > MAX_EMAIL_BYTES) {
      throw Errors.badRequest(
        `Your message is too long. Emails cannot be longer than ${MAX_EMAIL_BYTES} bytes. Your message is ${bytes} bytes.`,
      );
    }
    body = email.body;
    subject = email.subject;
    sanitised = email.sanitised;
  }

  const recipient = checkRecipient(context, input.recipient);
  const personalisation = usedPersonalisation(parts, input.personalisation);
  const encoder = new TextEncoder();
  const stored =
    encoder.encode(body).byteLength + encoder.encode(subject ?? "").byteLength + encoder.encode(JSON.stringify(personalisation)).byteLength;
  if (stored > MAX_STORED_BYTES) {
    throw Errors.badRequest(
      `Your message is too long to store: the message and its personalisation are ${stored} bytes together, at most ${MAX_STORED_BYTES}.`,
    );
  }
  return { to: input.recipient, ...recipient, body, subject, billableUnits, sanitised, personalisation };
}

function checkRecipient(context: SendContext, recipient: string): { normalisedTo: string; international: boolean; smokeTest: boolean } {
  let normalisedTo: string;
  let international = false;
  if (context.channel === "sms") {
    const phone = validatePhoneNumber(recipient, { allowInternational: context.service.permissions.includes("international_sms") });
    if (!phone.ok) throw phoneError(phone.error, phone.message);
    normalisedTo = phone.e164;
    international = phone.international;
  } else {
    const email = validateEmailAddress(recipient);
    if (!email.ok) throw Errors.validation([`email_address ${email.message}`]);
    normalisedTo = email.normalised;
  }
  const smokeTest = isSmokeTestRecipient(normalisedTo);
  if (!smokeTest && context.allowedRecipients && !context.allowedRecipients.has(normalisedTo)) {
    throw Errors.badRequest(
      context.keyType === "team"
        ? "Can’t send to this recipient using a team-only API key"
        : "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode",
    );
  }
  // Loaded for bulk jobs only; a single send looks its recipient up afterwards (opt-outs.ts).
  if (!smokeTest && context.optOuts.recipients?.has(normalisedTo)) throw Errors.optedOut(context.channel);
  return { normalisedTo, international, smokeTest };
}

function phoneError(kind: "ValidationError" | "InvalidPhoneError" | "BadRequestError", message: string): NotifyError {
  if (kind === "ValidationError") return Errors.validation([`phone_number ${message}`]);
  if (kind === "InvalidPhoneError") return Errors.invalidPhone(message);
  return Errors.badRequest(message);
}
