/** The console's api-keys pages. */
import type { AppRouter } from "../../../http/app-request";

export function registerApiKeyRoutes(_router: AppRouter): void {}
