/**
 * The versions in every response's `API-Version` header (NL API Design Rules API-57: the full
 * semantic version, so a client can tell a patch from a breaking change). Bump on every release
 * that changes the API and record it in docs/api-changelog.md (API-55, API-56).
 */
export const ADMIN_API_VERSION = "1.1.0";
/** The public API mirrors GOV.UK Notify v2; extensions (bulk, jobs) are additions within 2.x. */
export const PUBLIC_API_VERSION = "2.2.0";

/** The admin API lives under /admin (the major version is in the URI: /admin/v1). */
export function isAdminPath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/");
}

export function apiVersionFor(pathname: string): string {
  return isAdminPath(pathname) ? ADMIN_API_VERSION : PUBLIC_API_VERSION;
}

/** Where the admin API lives: the major version is part of the URI (NL API Design Rules API-20). */
export const ADMIN_BASE_PATH = "/admin/v1";
