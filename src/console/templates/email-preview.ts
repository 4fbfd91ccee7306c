/**
 * What an email template will look like when it arrives: the subject and the HTML rendered by
 * src/notifications/render/email.ts, with placeholders without a value left as written. The page
 * shows the HTML in a sandboxed frame, so its inline styles apply and nothing in it can run.
 */
import { renderEmail } from "../../notifications/render/email";
import { placeholderSegments, type TextSegment } from "./placeholder-segments";

export interface EmailPreview {
  subject: TextSegment[];
  html: string;
}

export function emailPreview(subject: string, body: string): EmailPreview {
  const email = renderEmail({ subject, body }, {});
  return { subject: placeholderSegments(email.subject), html: email.html };
}
