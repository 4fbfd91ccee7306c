/**
 * The one rule for where we may POST service callbacks. The admin API checks it when a callback is
 * configured and the delivery code checks it again at send time, so a URL can never reach a private
 * network (SSRF), even if the rule or the configuration changed after the URL was stored.
 *
 * Only literal hosts can be checked here: Workers have no DNS API, so a public name that resolves to a
 * private address is out of reach (Cloudflare's egress does not route to private networks anyway).
 */

export type CallbackUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

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
  return ipv4 !== null && isPrivateIpv4(ipv4);
}

function parseIpv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((n) => n <= 255) ? octets : null;
}

function isPrivateIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

function isPrivateIpv6(address: string): boolean {
  const groups = expandIpv6(address);
  if (!groups) return true; // unparseable: refuse rather than guess
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  if (groups.slice(0, 7).every((g) => g === 0) && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address: judge that one.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    return isPrivateIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  }
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/** "fe80::1" → eight 16-bit groups; null when it is not an IPv6 address. */
function expandIpv6(address: string): number[] | null {
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] | null => {
    if (!part) return [];
    const groups = part.split(":");
    return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups.map((g) => parseInt(g, 16)) : null;
  };
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}
