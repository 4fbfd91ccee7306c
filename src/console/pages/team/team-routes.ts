/** The console's team pages. */
import type { AppRouter } from "../../../http/app-request";

export function registerTeamRoutes(_router: AppRouter): void {}
