/**
 * Secrets at rest: AES-GCM under a key derived (HKDF-SHA-256) from KEY_ENCRYPTION_KEY.
 * Stored form: base64(12-byte IV || ciphertext+tag). Also constant-time comparison for tokens.
 */
const encoder = new TextEncoder();
/** Settled keys only: a pending promise must not be shared across requests (see lib/ttl-cache.ts). */
const keyCache = new Map<string, CryptoKey>();

async function deriveKey(masterSecret: string): Promise<CryptoKey> {
  const known = keyCache.get(masterSecret);
  if (known) return known;
  const material = await crypto.subtle.importKey("raw", encoder.encode(masterSecret), "HKDF", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("notifynl-edge/v1"), info: encoder.encode("secrets-at-rest") },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  keyCache.set(masterSecret, key);
  return key;
}

export interface SecretBox {
  encrypt(plaintext: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

export function createSecretBox(masterSecret: string): SecretBox {
  return {
    async encrypt(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await deriveKey(masterSecret), encoder.encode(plaintext));
      const out = new Uint8Array(iv.byteLength + cipher.byteLength);
      out.set(iv, 0);
      out.set(new Uint8Array(cipher), iv.byteLength);
      return toBase64(out);
    },
    async decrypt(stored) {
      const bytes = fromBase64(stored);
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes.slice(0, 12) },
        await deriveKey(masterSecret),
        bytes.slice(12),
      );
      return new TextDecoder().decode(plain);
    },
  };
}

/** Constant-time string comparison (lengths may leak; the content does not). */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.byteLength ^ right.byteLength;
  const length = Math.max(left.byteLength, right.byteLength);
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const RANDOM_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether `text` has the shape of a `randomToken()` of 32 bytes (43 base64url characters). */
export function isRandomToken(text: string): boolean {
  return RANDOM_TOKEN.test(text);
}

/** `bytes` random bytes as base64url without padding: session, invitation and reset tokens. */
export function randomToken(bytes = 32): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Lower-case hex SHA-256 of a text: how random tokens are stored (a fast hash suffices for 256 random bits). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}
