/** Rendering of SMS and email content: pure functions, no I/O. */
export {
  fillPlaceholders,
  missingPersonalisation,
  normaliseKey,
  placeholderNames,
  type FillKind,
  type FillOptions,
  type Personalisation,
} from "./placeholders";
export {
  checkSmsLength,
  normaliseSmsContent,
  renderSms,
  smsCharacterCount,
  smsEncoding,
  smsFragmentCount,
  SMS_CHAR_LIMIT,
  type RenderedSms,
  type RenderSmsOptions,
  type SmsEncoding,
} from "./sms";
export {
  renderEmail,
  sanitiseMarkdown,
  UNSUBSCRIBE_LINK_TEXT,
  type EmailTemplateParts,
  type RenderedEmail,
  type RenderEmailOptions,
  type SanitisedValue,
} from "./email";
