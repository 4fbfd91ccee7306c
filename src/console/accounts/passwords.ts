/**
 * Password hashing: PBKDF2-HMAC-SHA-256 through WebCrypto, 100,000 iterations (the most Workers
 * allow), a 16-byte random salt, stored as `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`
 * so the cost can be raised later without breaking stored hashes.
 */
import { fromBase64, timingSafeEqual, toBase64 } from "../../lib/crypto";

const ITERATIONS = 100_000;
const PREFIX = "pbkdf2-sha256";

/** At least this long; longer is better (NCSC: length over complexity rules). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer passwords are refused before hashing, so a caller cannot make us hash megabytes. */
export const MAX_PASSWORD_LENGTH = 256;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `${PREFIX}$${ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** True when `password` matches `stored`; false for a wrong password and for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [prefix, iterationText, saltText, hashText] = stored.split("$");
  const iterations = Number(iterationText);
  if (prefix !== PREFIX || !saltText || !hashText || !Number.isInteger(iterations) || iterations < 1 || iterations > ITERATIONS) {
    return false;
  }
  const hash = await derive(password.slice(0, MAX_PASSWORD_LENGTH), fromBase64(saltText), iterations);
  return timingSafeEqual(toBase64(hash), hashText);
}

/**
 * A hash of a random password, checked when the email address names no account, so a sign-in
 * for an unknown address takes as long as one for a known address.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
}
