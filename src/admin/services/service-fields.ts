/**
 * The settings of a service as POST and PATCH /services accept them: one definition, so a value
 * refused when a service is created (a retention of 2 days, a negative limit) is refused when it is
 * changed too.
 */
import * as v from "valibot";
import { emailAddress, flag, integer, oneOf, smsSender, text } from "../shared/fields";
import { SERVICE_PERMISSIONS } from "./create-service";

export const serviceSettings = {
  name: text(255),
  restricted: flag,
  sms_sender: smsSender,
  email_from: emailAddress,
  rate_limit: integer(1, 1_000_000),
  sms_daily_limit: integer(0, 100_000_000),
  email_daily_limit: integer(0, 100_000_000),
  retention_days: integer(3, 90),
  permissions: v.array(oneOf(SERVICE_PERMISSIONS), "is not of type array"),
};
