/** The console's dashboard pages. */
import type { AppRouter } from "../../../http/app-request";
import { getDashboard } from "./dashboard-page";

export function registerDashboardRoutes(router: AppRouter): void {
  router.get("/diensten/:serviceId", getDashboard);
}
