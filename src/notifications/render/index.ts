/** Rendering of SMS and email content: pure functions, no I/O. */

export {
  type EmailTemplateParts,
  type RenderEmailOptions,
  type RenderedEmail,
  renderEmail,
  type SanitisedValue,
  sanitiseMarkdown,
  UNSUBSCRIBE_LINK_TEXT,
} from "./email";
export {
  type FillKind,
  type FillOptions,
  fillPlaceholders,
  missingPersonalisation,
  normaliseKey,
  type Personalisation,
  placeholderNames,
} from "./placeholders";
export {
  checkSmsLength,
  normaliseSmsContent,
  type RenderedSms,
  type RenderSmsOptions,
  renderSms,
  SMS_CHAR_LIMIT,
  type SmsEncoding,
  smsCharacterCount,
  smsEncoding,
  smsFragmentCount,
} from "./sms";
