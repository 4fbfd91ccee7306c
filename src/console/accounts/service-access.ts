/**
 * Which services a console user sees, and what they may do there. A service exists for a user
 * only when it belongs to their organisation and they are on its team; anything else is "not
 * found", so an id of another organisation's service reveals nothing.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/database";
import { type ConsolePermission, services, serviceUsers } from "../../db/schema";
import { isUuid } from "../../lib/ids";
import type { UserRow } from "../sessions/sessions";

export type { ServiceRow } from "../../admin/shared/lookup";

import type { ServiceRow } from "../../admin/shared/lookup";

export interface ServiceAccess {
  service: ServiceRow;
  permissions: ConsolePermission[];
}

export async function serviceAccessFor(
  db: Db,
  user: Pick<UserRow, "id" | "organisationId">,
  serviceId: string,
): Promise<ServiceAccess | null> {
  if (!isUuid(serviceId)) return null;
  const [found] = await db
    .select({ service: services, permissions: serviceUsers.permissions })
    .from(serviceUsers)
    .innerJoin(services, eq(services.id, serviceUsers.serviceId))
    .where(
      and(
        eq(serviceUsers.userId, user.id),
        eq(serviceUsers.serviceId, serviceId.toLowerCase()),
        eq(services.organisationId, user.organisationId),
      ),
    )
    .limit(1);
  return found ?? null;
}

export function servicesOfUser(db: Db, user: Pick<UserRow, "id" | "organisationId">): Promise<ServiceAccess[]> {
  return db
    .select({ service: services, permissions: serviceUsers.permissions })
    .from(serviceUsers)
    .innerJoin(services, eq(services.id, serviceUsers.serviceId))
    .where(and(eq(serviceUsers.userId, user.id), eq(services.organisationId, user.organisationId)))
    .orderBy(asc(services.name));
}
