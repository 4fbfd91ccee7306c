/** A template as the v2 template endpoints return it (Notify's Template.serialize_for_v2). */

import { formatTimestamp } from "../../../lib/time";
import { placeholderNames } from "../../../notifications/render/placeholders";

export interface TemplateLike {
  id: string;
  type: "sms" | "email";
  name: string;
  subject: string | null;
  body: string;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number | null;
}

export function templateBody(t: TemplateLike): Record<string, unknown> {
  const names = placeholderNames(t.type === "email" ? `${t.subject ?? ""}\n${t.body}` : t.body);
  return {
    id: t.id,
    type: t.type,
    created_at: formatTimestamp(t.createdAt),
    updated_at: formatTimestamp(t.updatedAt),
    created_by: t.createdBy,
    version: t.version,
    body: t.body,
    subject: t.type === "email" ? t.subject : null,
    name: t.name,
    personalisation: Object.fromEntries(names.map((name) => [name, { required: true }])),
    postage: null,
    letter_contact_block: null,
  };
}
