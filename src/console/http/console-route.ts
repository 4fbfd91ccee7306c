/**
 * How a console page is served. `anonymousPage`, `signedInPage` and `servicePage` make an itty handler that resumes
 * the session from its cookie, sends anyone not signed in to the sign-in page, checks the user's
 * access to the service in the URL (404 when it is not theirs, 403 when they lack the permission),
 * reads and checks a posted form, and turns anything thrown into a Dutch page: never a stack trace,
 * never JSON.
 */
import type { Services } from "../../app/services";
import type { ConsolePermission } from "../../db/schema";
import { NotifyError } from "../../errors";
import type { AppRequest } from "../../http/app-request";
import { loggablePath } from "../../http/error-response";
import { isRandomToken, randomToken } from "../../lib/crypto";
import { errorFields, log } from "../../lib/log";
import { type ServiceAccess, serviceAccessFor } from "../accounts/service-access";
import { errorPage, forbiddenPage, formRefusedPage, notFoundPage } from "../pages/status-pages";
import { resumeSession, type SignedIn } from "../sessions/sessions";
import type { LayoutService } from "../ui/layout";
import { FormRefused, readConsoleForm } from "./console-form";
import { cookieHeader, readCookie } from "./cookies";
import { seeOther } from "./html-response";

export interface ConsoleContext {
  request: AppRequest;
  services: Services;
  url: URL;
  now: number;
  /** The token this page's forms must carry. */
  csrfToken: string;
  /** The posted fields (POST only, after the CSRF checks). */
  form: URLSearchParams | null;
  signedIn: SignedIn | null;
}

export interface SignedInContext extends ConsoleContext {
  signedIn: SignedIn;
}

export interface ServiceContext extends SignedInContext {
  access: ServiceAccess;
  /** The service as the layout shows it. */
  layoutService: LayoutService;
}

type Access = { kind: "anonymous" } | { kind: "signed-in" } | { kind: "service"; permission: ConsolePermission };
type AnyHandler = (context: ServiceContext) => Promise<Response>;

/** A page anyone may see (sign-in, invitations, password reset); `signedIn` is set when there is a session. */
export function anonymousPage(handler: (context: ConsoleContext) => Promise<Response>) {
  return consolePage({ kind: "anonymous" }, handler as AnyHandler);
}

/** A page for any signed-in user (their services, their account). */
export function signedInPage(handler: (context: SignedInContext) => Promise<Response>) {
  return consolePage({ kind: "signed-in" }, handler as AnyHandler);
}

/** A page of the service in the URL (`:serviceId`), for its team members with `permission`. */
export function servicePage(permission: ConsolePermission, handler: (context: ServiceContext) => Promise<Response>) {
  return consolePage({ kind: "service", permission }, handler);
}

/** Where the sign-in page sends the user back to: only a path of ours, never another site. */
export function signInRedirect(url: URL): string {
  const back = `${url.pathname}${url.search}`;
  return back === "/" ? "/inloggen" : `/inloggen?terug=${encodeURIComponent(back)}`;
}

function consolePage(access: Access, handler: AnyHandler) {
  return async (request: AppRequest, services: Services): Promise<Response> => {
    const url = new URL(request.url);
    const now = services.clock.now();
    const sessionToken = readCookie(request, "session");
    const session = sessionToken ? await resumeSession(services.db, sessionToken, now) : null;
    const layoutUser = session ? { user: session.user, csrfToken: session.session.csrfToken } : {};
    if (access.kind !== "anonymous" && !session) return seeOther(signInRedirect(url));

    // Before sign-in, forms carry the token of the form cookie, set here on first sight.
    let formCookie: string | undefined;
    let csrfToken = session?.session.csrfToken ?? readCookie(request, "form") ?? "";
    if (!session && !isRandomToken(csrfToken)) {
      csrfToken = request.method === "POST" ? "" : randomToken();
      formCookie = cookieHeader(request, "form", csrfToken);
    }

    try {
      const form = request.method === "POST" ? await readConsoleForm(request, csrfToken) : null;
      const context: ConsoleContext = { request, services, url, now, csrfToken, form, signedIn: session };
      let response: Response;
      if (access.kind === "service" && session) {
        const serviceAccess = await serviceAccessFor(services.db, session.user, String(request.params.serviceId ?? ""));
        if (!serviceAccess) return await notFoundPage({ ...layoutUser });
        if (!serviceAccess.permissions.includes(access.permission)) return await forbiddenPage({ ...layoutUser });
        const layoutService: LayoutService = {
          id: serviceAccess.service.id,
          name: serviceAccess.service.name,
          restricted: serviceAccess.service.restricted,
          permissions: serviceAccess.permissions,
        };
        response = await handler({
          ...context,
          signedIn: session,
          access: serviceAccess,
          layoutService,
        });
      } else {
        response = await handler(context as ServiceContext);
      }
      if (formCookie) response.headers.append("set-cookie", formCookie);
      return response;
    } catch (error) {
      if (error instanceof FormRefused) {
        log.warn("console_form_refused", { request_id: request.requestId, reason: error.message });
        return formRefusedPage({ ...layoutUser });
      }
      if (error instanceof NotifyError && error.status === 404) return notFoundPage({ ...layoutUser });
      if (error instanceof NotifyError && error.status === 413) return formRefusedPage({ ...layoutUser });
      log.error("console_error", { request_id: request.requestId, path: loggablePath(url.pathname), ...errorFields(error) });
      return errorPage({ ...layoutUser });
    }
  };
}
