/** Content rules shared by creating and updating templates. */
import * as v from "valibot";
import { Errors } from "../../errors";
import type { TemplateType } from "./template-object";

/** Notify's SMS_CHAR_COUNT_LIMIT: 6 concatenated fragments of 153 characters. */
export const SMS_CHAR_LIMIT = 918;
export const EMAIL_BODY_LIMIT = 100_000;
export const NAME_LIMIT = 255;
export const SUBJECT_LIMIT = 998;

/** Checks the parts of a template that depend on its type; throws a 400 ValidationError. */
export function checkTemplateContent(type: TemplateType, subject: string | null | undefined, body: string | undefined): void {
  const problems: string[] = [];
  if (type === "sms" && subject !== undefined && subject !== null) problems.push("subject is not allowed for an sms template");
  if (type === "email" && (subject === undefined || subject === null)) problems.push("subject is a required property");
  if (body !== undefined) {
    const limit = type === "sms" ? SMS_CHAR_LIMIT : EMAIL_BODY_LIMIT;
    if ([...body].length > limit) problems.push(`body has a character count greater than the limit of ${limit}`);
  }
  if (problems.length > 0) throw Errors.validation(problems);
}

/** Template bodies are kept as written (no trimming): whitespace and line breaks are content. */
export const TemplateBody = v.pipe(
  v.string("is not of type string"),
  v.check((s) => s.trim() !== "", "must not be empty"),
);
