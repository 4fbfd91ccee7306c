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
  /** Wmebv: send a failed message once more (src/notifications/second-attempt.ts). */
  retry_sms: flag,
  retry_email: flag,
  /** Seconds until the second attempt, up to 7 days; null: the deployment's RETRY_FAILED_AFTER_SECONDS. */
  retry_after_seconds: v.nullable(integer(0, 604_800)),
  /** Delivery-status callbacks carry the status history as an extra `history` field. */
  callback_history: flag,
};

/** Every setting, optional: what a PATCH may change, and what a POST may set beside the name. */
export const optionalServiceSettings = v.partial(v.object(serviceSettings)).entries;
