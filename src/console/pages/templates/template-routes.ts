/** The console's templates pages. */
import type { AppRouter } from "../../../http/app-request";

export function registerTemplateRoutes(_router: AppRouter): void {}
