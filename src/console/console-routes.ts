/**
 * The web console's routes (DESIGN.md §3): Dutch paths under `/`, each page in its own file under
 * pages/. Every handler is a `consolePage` (http/console-route.ts), which owns sessions, access and
 * CSRF. Any other path outside the APIs gets the console's Dutch 404 page.
 */
import type { AppRouter } from "../http/app-request";
import { getAccount } from "./pages/account/account";
import { postSignOut, postSignOutEverywhere } from "./pages/account/sign-out";
import { registerApiKeyRoutes } from "./pages/api-keys/api-key-routes";
import { registerDashboardRoutes } from "./pages/dashboard/dashboard-routes";
import { getForgotPassword, postForgotPassword } from "./pages/password-reset/forgot-password";
import { getResetPassword, postResetPassword } from "./pages/password-reset/reset-password";
import { getServiceList } from "./pages/services/service-list";
import { getSignIn, postSignIn } from "./pages/sign-in/sign-in";
import { notFoundPage } from "./pages/status-pages";
import { registerTeamRoutes } from "./pages/team/team-routes";
import { registerTemplateRoutes } from "./pages/templates/template-routes";

export function registerConsoleRoutes(router: AppRouter): void {
  router.get("/", getServiceList);
  router.get("/inloggen", getSignIn);
  router.post("/inloggen", postSignIn);
  router.post("/uitloggen", postSignOut);
  router.get("/wachtwoord-vergeten", getForgotPassword);
  router.post("/wachtwoord-vergeten", postForgotPassword);
  router.get("/wachtwoord-herstellen/:token", getResetPassword);
  router.post("/wachtwoord-herstellen/:token", postResetPassword);
  router.get("/account", getAccount);
  router.post("/account/overal-uitloggen", postSignOutEverywhere);
  registerDashboardRoutes(router);
  registerTemplateRoutes(router);
  registerTeamRoutes(router);
  registerApiKeyRoutes(router);
}

/** Paths the console answers (everything but the APIs, the webhooks and the health check). */
export function isConsolePath(pathname: string): boolean {
  return !/^\/(v2|admin|callbacks|health)(\/|$)/.test(pathname);
}

export function consoleNotFound(): Promise<Response> {
  return notFoundPage();
}
