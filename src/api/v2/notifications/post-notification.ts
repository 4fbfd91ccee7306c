/**
 * POST /v2/notifications/sms and /v2/notifications/email. The body, template and recipient are
 * checked while the OrgGate decides on the limits; the limits win (Notify answers 429 even for an
 * invalid body); 201 once the notification is stored and in its OrgGate lane.
 */

import { gateFactory } from "../../../gate/client";
import type { Channel } from "../../../gate/types";
import { readJsonBody } from "../../../http/body";
import { type AppRequest, json } from "../../../http/context";
import { validate } from "../../../http/validation";
import { withAdmission } from "../../../notifications/admission";
import { prepareNotification, storeNotification } from "../../../notifications/create-notification";
import { parseScheduledFor } from "../../../notifications/scheduling";
import { loadSendContext } from "../../../notifications/send-context";
import { authenticate } from "../authenticate";
import { createdNotificationBody } from "./created-response";
import { PostEmailRequest, PostSmsRequest } from "./schemas";

export function postNotification(channel: Channel) {
  return async (request: AppRequest, env: Env): Promise<Response> => {
    const { app } = request;
    const caller = await authenticate(request);
    const { service, apiKey } = caller;
    const gate = gateFactory(env.ORG_GATE)(service.organisationId);
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
        const raw = await readJsonBody(request, app.config.MAX_BODY_BYTES);
        const now = app.clock.now();
        const body = channel === "sms" ? validate(PostSmsRequest, raw) : validate(PostEmailRequest, raw);
        const scheduledFor = parseScheduledFor(body.scheduled_for, now);
        const context = await loadSendContext(app.db, {
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
        return { prepared, reference: body.reference ?? null, scheduledFor, context };
      },
      async ({ prepared, ...rest }) => {
        const notification = await storeNotification(
          { gate, orgSendRate: caller.orgSendRate ?? app.config.DEFAULT_ORG_SEND_RATE },
          prepared,
        );
        return { notification, ...rest };
      },
    );
    return json(createdNotificationBody(request.origin, service, channel, created), 201);
  };
}
