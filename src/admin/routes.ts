import type { AppRouterType } from "../http/routes";

/** Admin API (DESIGN.md §3), behind the ADMIN_TOKEN bearer. */
export function registerAdminRoutes(_router: AppRouterType): void {}
