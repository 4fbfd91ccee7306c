/**
 * The frame of every console page: skip link, header with the product name and the signed-in
 * user's menu, the service's navigation, main content and footer, in the Rijkshuisstijl community
 * components (NL Design System). Styles come from /console/ (Workers Static Assets); there is no
 * script the pages need.
 */
import type { Child } from "hono/jsx";
import type { ConsolePermission } from "../../db/schema";
import { HiddenCsrf } from "./forms";

export interface LayoutUser {
  name: string;
  emailAddress: string;
}

/** The service whose pages are shown, with what the user may do there (for its navigation). */
export interface LayoutService {
  id: string;
  name: string;
  restricted: boolean;
  permissions: readonly ConsolePermission[];
}

export interface LayoutProps {
  title: string;
  user?: LayoutUser | undefined;
  csrfToken?: string | undefined;
  service?: LayoutService | undefined;
  /** The path of this page, so its navigation link is marked as the current page. */
  currentPath?: string | undefined;
  children: Child;
}

const SERVICE_NAVIGATION: { path: string; label: string; permission: ConsolePermission }[] = [
  { path: "", label: "Overzicht", permission: "view" },
  { path: "/sjablonen", label: "Sjablonen", permission: "view" },
  { path: "/team", label: "Team", permission: "view" },
  { path: "/api-sleutels", label: "API-sleutels", permission: "manage_api_keys" },
  { path: "/proefontvangers", label: "Proefontvangers", permission: "manage_service" },
];

function ServiceNavigation({ service, currentPath }: { service: LayoutService; currentPath?: string | undefined }) {
  const base = `/diensten/${service.id}`;
  const links = SERVICE_NAVIGATION.filter((link) => service.permissions.includes(link.permission));
  return (
    <nav class="rhc-nav-bar console-service-nav" aria-label={`Dienst ${service.name}`}>
      <div class="rhc-nav-bar__container">
        <ul class="rhc-nav-bar__list">
          {links.map((link) => {
            const href = `${base}${link.path}`;
            const current = currentPath === href || (link.path !== "" && currentPath?.startsWith(`${href}/`));
            return (
              <li>
                <a class="rhc-nav-bar__link" href={href} aria-current={current ? "page" : undefined}>
                  {link.label}
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

function Header({ user, csrfToken }: { user?: LayoutUser | undefined; csrfToken?: string | undefined }) {
  return (
    <header class="utrecht-page-header console-header">
      <div class="utrecht-page-header__content console-header__content">
        <a class="console-header__brand" href="/">
          NotifyNL
        </a>
        {user ? (
          <nav aria-label="Account" class="console-header__account">
            <span>{user.name}</span>
            <a class="console-header__link" href="/account">
              Mijn account
            </a>
            <form method="post" action="/uitloggen" class="console-inline-form">
              <HiddenCsrf token={csrfToken} />
              <button type="submit" class="utrecht-button utrecht-button--subtle">
                Uitloggen
              </button>
            </form>
          </nav>
        ) : null}
      </div>
    </header>
  );
}

export function Layout({ title, user, csrfToken, service, currentPath, children }: LayoutProps) {
  return (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{service ? `${title} – ${service.name} – NotifyNL` : `${title} – NotifyNL`}</title>
        <link rel="icon" href="/console/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/console/vendor/rhc-design-tokens.css" />
        <link rel="stylesheet" href="/console/vendor/rhc-components.css" />
        <link rel="stylesheet" href="/console/console.css" />
      </head>
      <body class="rhc-theme utrecht-page-body console">
        <a class="nl-skip-link nl-skip-link--visible-on-focus" href="#inhoud">
          Naar de inhoud
        </a>
        <Header user={user} csrfToken={csrfToken} />
        {service ? (
          <div class="console-service-bar">
            <p class="console-service-bar__name">
              <a class="nl-link" href={`/diensten/${service.id}`}>
                {service.name}
              </a>
              {service.restricted ? <span class="utrecht-badge-status console-badge">Proefmodus</span> : null}
            </p>
            <ServiceNavigation service={service} currentPath={currentPath} />
          </div>
        ) : null}
        <main id="inhoud" class="utrecht-page-content console-main" tabindex={-1}>
          {children}
        </main>
        <footer class="rhc-page-footer console-footer">
          <div class="rhc-page-footer__content">
            <p class="nl-paragraph">NotifyNL – berichten van de overheid aan inwoners, per sms en e-mail.</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
