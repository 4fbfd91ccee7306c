/**
 * Literal IP addresses and CIDR ranges, for the callback SSRF guard (callback-url.ts) and the
 * CM.com webhook source allow-list (webhooks/webhook-request.ts). Parsing only; no DNS.
 */

/** "192.0.2.1" → four octets; null when it is not dotted-decimal IPv4. */
export function parseIpv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((n) => n <= 255) ? octets : null;
}

/** "fe80::1" → eight 16-bit groups; null when it is not an IPv6 address. */
export function expandIpv6(address: string): number[] | null {
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

/** An address as 16 bytes (IPv4 as ::ffff:a.b.c.d), or null. Brackets around IPv6 are allowed. */
function addressBytes(text: string): number[] | null {
  const address = text.trim().replace(/^\[|\]$/g, "");
  const v4 = parseIpv4(address);
  if (v4) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4];
  const groups = expandIpv6(address);
  return groups ? groups.flatMap((g) => [g >> 8, g & 0xff]) : null;
}

/** A range: "203.0.113.0/24", "2001:db8::/32", or one address. */
export interface IpRange {
  bytes: number[];
  prefix: number;
}

/** Parses a range; null when it is not one. */
export function parseIpRange(text: string): IpRange | null {
  const [address = "", length] = text.trim().split("/");
  const bytes = addressBytes(address);
  if (!bytes) return null;
  const isV4 = parseIpv4(address.trim()) !== null;
  const max = isV4 ? 32 : 128;
  const prefixLength = length === undefined ? max : /^\d{1,3}$/.test(length) ? Number(length) : Number.NaN;
  if (!(prefixLength >= 0 && prefixLength <= max)) return null;
  return { bytes, prefix: isV4 ? prefixLength + 96 : prefixLength };
}

/** Whether `address` lies in one of `ranges`. */
export function inRanges(address: string, ranges: readonly IpRange[]): boolean {
  const bytes = addressBytes(address);
  if (!bytes) return false;
  return ranges.some((range) => {
    for (let bit = 0; bit < range.prefix; bit += 8) {
      const bits = Math.min(8, range.prefix - bit);
      const mask = (0xff << (8 - bits)) & 0xff;
      if (((bytes[bit / 8] ?? 0) & mask) !== ((range.bytes[bit / 8] ?? 0) & mask)) return false;
    }
    return true;
  });
}
