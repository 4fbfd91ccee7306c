/** Ids are UUIDs (Notify's notification, template, service and key ids). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the shape of a UUID (any version, any case). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
