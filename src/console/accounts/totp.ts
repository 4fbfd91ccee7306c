/**
 * The second factor: TOTP (RFC 6238) with otpauth, in the form every authenticator app reads
 * (SHA-1, 6 digits, 30 s). A code is valid one step either side of now, and each time step is
 * accepted once: the caller stores the step `acceptedStep` returns and passes it back next time.
 */
import { Secret, TOTP } from "otpauth";

const ISSUER = "NotifyNL";
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = ""): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh 160-bit secret in base32, as the apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI the QR code holds; the label is the account's email address. */
export function totpUri(secretBase32: string, emailAddress: string): string {
  return totpFor(secretBase32, emailAddress).toString();
}

/** The current code: for the demo user's helper script and for tests. */
export function currentTotpCode(secretBase32: string, at: number): string {
  return totpFor(secretBase32).generate({ timestamp: at });
}

/**
 * The time step of a valid `code` at `at`, or null when the code is wrong, malformed or was
 * already used (its step is not after `lastStep`).
 */
export function acceptedStep(secretBase32: string, code: string, at: number, lastStep: number): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: at, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at / 1000 / PERIOD_SECONDS) + delta;
  return step > lastStep ? step : null;
}
