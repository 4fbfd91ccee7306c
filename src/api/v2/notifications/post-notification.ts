/**
 * POST /v2/notifications/sms and /v2/notifications/email. The body, template and recipient (and
 * whether the recipient opted out, opt-outs.ts) are checked while the OrgGate decides on the
 * limits; the limits win (Notify answers 429 even for an invalid body); 201 once the notification
 * is stored and in its OrgGate lane.
 */

import type { Channel } from "../../../gate/types";
import { type AppRequest, json } from "../../../http/app-request";
import { readJsonBody } from "../../../http/body";
import { validate } from "../../../http/validation";
import { withAdmission } from "../../../notifications/admission";
import { prepareNotification, storeNotification } from "../../../notifications/create-notification";
import { checkFallback, type FallbackRequest } from "../../../notifications/fallback-request";
import { refuseOptedOut } from "../../../notifications/opt-outs";
import { parseScheduledFor } from "../../../notifications/scheduling";
import { loadSendContext } from "../../../notifications/send-context";
import { authenticate } from "../authenticate";
import { createdNotificationBody } from "./created-response";
import { PostEmailRequest, PostSmsRequest } from "./notification-schemas";

export function postNotification(channel: Channel) {
  return async (request: AppRequest): Promise<Response> => {
    const { services } = request;
    const caller = await authenticate(request);
    const { service, apiKey } = caller;
    const gate = services.gateFor(service.organisationId);
    const created = await withAdmission(
      gate,
      {
        serviceId: service.id,
        keyType: apiKey.keyType,
        rateLimit: service.rateLimit,
        channel,
        dailyLimit: channel === "sms" ? service.smsDailyLimit : service.emailDailyLimit,
        count: 1,
      },
      async () => {
        const raw = await readJsonBody(request, services.config.MAX_BODY_BYTES);
        const now = services.clock.now();
        const body = channel === "sms" ? validate(PostSmsRequest, raw) : validate(PostEmailRequest, raw);
        const scheduledFor = parseScheduledFor(body.scheduled_for, now);
        const context = await loadSendContext(services.db, {
          service,
          keyType: apiKey.keyType,
          channel,
          templateId: body.template_id,
          senderId: "sms_sender_id" in body ? body.sms_sender_id : "email_reply_to_id" in body ? body.email_reply_to_id : null,
        });
        const prepared = prepareNotification(
          context,
          {
            recipient: "phone_number" in body ? body.phone_number : body.email_address,
            personalisation: body.personalisation ?? {},
            reference: body.reference ?? null,
            apiKeyId: apiKey.id,
            scheduledFor,
            sanitiseContentFor: "sanitise_content_for" in body ? body.sanitise_content_for : null,
            oneClickUnsubscribeUrl: "one_click_unsubscribe_url" in body ? body.one_click_unsubscribe_url : null,
          },
          now,
        );
        await refuseOptedOut(services.db, context, prepared.created.message);
        const fallback = fallbackOf(body);
        if (fallback && prepared.row) {
          const columns = await checkFallback(
            services.db,
            {
              service,
              keyType: apiKey.keyType,
              channel,
              personalisation: body.personalisation ?? {},
              stored: prepared.row.personalisation ?? {},
            },
            fallback,
          );
          prepared.row = { ...prepared.row, ...columns };
        }
        return { prepared, reference: body.reference ?? null, scheduledFor, context };
      },
      async ({ prepared, ...rest }) => {
        const notification = await storeNotification(
          { gate, orgSendRate: caller.orgSendRate ?? services.config.DEFAULT_ORG_SEND_RATE },
          prepared,
        );
        return { notification, ...rest };
      },
    );
    return json(createdNotificationBody(request.origin, service, channel, created), 201);
  };
}

/** The request's fallback (an extension), in the other channel's terms. */
function fallbackOf(body: PostSmsRequest | PostEmailRequest): FallbackRequest | null {
  if (!body.fallback) return null;
  const recipient = "email_address" in body.fallback ? body.fallback.email_address : body.fallback.phone_number;
  return { recipient, templateId: body.fallback.template_id };
}
