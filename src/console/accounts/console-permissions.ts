/**
 * The permissions of a member of a service's team (src/db/tables/console.ts): every member has
 * `view`, and a list is always stored in one order, so two lists with the same permissions compare
 * equal and the audit log's from/to read the same way every time.
 */
import { CONSOLE_PERMISSIONS, type ConsolePermission } from "../../db/schema";

/** The known permissions of `wanted`, with `view`, in CONSOLE_PERMISSIONS order; anything else is dropped. */
export function withView(wanted: Iterable<string>): ConsolePermission[] {
  const set = new Set<string>(wanted);
  set.add("view");
  return CONSOLE_PERMISSIONS.filter((permission) => set.has(permission));
}

export function samePermissions(a: readonly ConsolePermission[], b: readonly ConsolePermission[]): boolean {
  const left = withView(a);
  const right = withView(b);
  return left.length === right.length && left.every((permission, index) => permission === right[index]);
}
