/** The console's dashboard pages. */
import type { AppRouter } from "../../../http/app-request";

export function registerDashboardRoutes(_router: AppRouter): void {}
