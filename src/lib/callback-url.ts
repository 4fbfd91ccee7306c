/**
 * The one rule for where we may POST service callbacks. The admin API checks it when a callback is
 * configured and the delivery code checks it again at send time, so a URL can never reach a private
 * network (SSRF), even if the rule or the configuration changed after the URL was stored.
 *
 * Only literal hosts can be checked here: Workers have no DNS API, so a public name that resolves to a
 * private address is out of reach (Cloudflare's egress does not route to private networks anyway).
 */

import { expandIpv6, parseIpv4 } from "./ip-address";

export type CallbackUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Ports a callback may use in production (the default 443 is "" in URL.port). */
const HTTPS_PORTS: ReadonlySet<string> = new Set(["443", "8443"]);

/** Name suffixes that only resolve inside a network (RFC 6762 .local, RFC 8375 .home.arpa, ICANN's .internal). */
const LOCAL_SUFFIXES = [".local", ".internal", ".home.arpa", ".lan", ".intranet", ".corp"];

export interface CallbackUrlOptions {
  /** Allow http:// and private/loopback hosts (local development: ALLOW_PRIVATE_CALLBACK_URLS). */
  allowPrivate: boolean;
}

/** Checks a callback URL; `reason` completes the sentence "url …" (Notify's wording where it has one). */
export function checkCallbackUrl(raw: string, options: CallbackUrlOptions): CallbackUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "is not a valid https url" };
  }
  const allowedSchemes = options.allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!allowedSchemes.includes(url.protocol)) return { ok: false, reason: "is not a valid https url" };
  // Credentials in a URL would be stored and logged in plain text; the bearer token is the secret.
  if (url.username || url.password) return { ok: false, reason: "must not contain a user name or password" };
  if (!options.allowPrivate && isPrivateHost(url.hostname)) {
    return { ok: false, reason: "must not point to a private, loopback or link-local address" };
  }
  if (!options.allowPrivate && url.port !== "" && !HTTPS_PORTS.has(url.port)) {
    return { ok: false, reason: "must use port 443 or 8443" };
  }
  return { ok: true, url };
}

/**
 * Whether a URL hostname (as `URL.hostname` gives it: IPv4 normalised to dotted decimal, IPv6 in
 * brackets) is local: localhost names, or an address that is not publicly routable.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host.startsWith("[") && host.endsWith("]")) return isPrivateIpv6(host.slice(1, -1));
  const ipv4 = parseIpv4(host);
  if (ipv4 !== null) return isPrivateIpv4(ipv4);
  // A single-label name ("intranet") resolves through a local search domain, never publicly.
  if (!host.includes(".")) return true;
  return LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix) || host === suffix.slice(1));
}

function isPrivateIpv4([a = 0, b = 0, c = 0]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) || // TEST-NET-2
    (a === 203 && b === 0 && c === 113) || // TEST-NET-3
    a >= 224 // multicast, reserved, broadcast
  );
}

function isPrivateIpv6(address: string): boolean {
  const groups = expandIpv6(address);
  if (!groups) return true; // unparseable: refuse rather than guess
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  if (groups.slice(0, 7).every((g) => g === 0) && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  const ipv4 = (high: number, low: number) => isPrivateIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d) and IPv4-compatible forms
  // carry an IPv4 address: judge that one.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0) {
    if (g4 === 0 && (g5 === 0xffff || g5 === 0)) return ipv4(g6, g7);
    if (g4 === 0xffff && g5 === 0) return ipv4(g6, g7);
  }
  if (g0 === 0x64 && g1 === 0xff9b) return g2 !== 0 || g3 !== 0 || g4 !== 0 || g5 !== 0 || ipv4(g6, g7); // NAT64 (64:ff9b::/96; /48 local use)
  if (g0 === 0x2002) return ipv4(g1, g2); // 6to4 embeds the IPv4 address
  if (g0 === 0x2001 && g1 === 0) return true; // Teredo: the far end is whatever the tunnel says
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated, still routed inside)
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  return false;
}
