/** The 201 bodies of POST /v2/notifications/sms|email, key for key as Notify builds them. */

import type { Channel } from "../../../gate/types";
import { formatTimestamp } from "../../../lib/time";
import type { CreatedNotification } from "../../../notifications/create-notification";
import type { SendContext } from "../../../notifications/send-context";

interface Created {
  notification: CreatedNotification;
  reference: string | null;
  scheduledFor: number | null;
  context: SendContext;
}

export function createdNotificationBody(
  origin: string,
  service: { id: string; emailFrom: string },
  channel: Channel,
  { notification, reference, scheduledFor, context }: Created,
): Record<string, unknown> {
  const common = {
    id: notification.id,
    reference,
    uri: `${origin}/v2/notifications/${notification.id}`,
    template: {
      id: context.template.id,
      version: notification.templateVersion,
      uri: `${origin}/services/${service.id}/templates/${context.template.id}`,
    },
    scheduled_for: formatTimestamp(scheduledFor),
  };
  const { message } = notification;
  if (channel === "sms") {
    return { ...common, content: { body: message.body, from_number: notification.senderText } };
  }
  return {
    ...common,
    content: {
      from_email: service.emailFrom,
      body: message.body,
      subject: message.subject,
      one_click_unsubscribe_url: notification.oneClickUnsubscribeUrl,
    },
    sanitised_content: message.sanitised,
  };
}
