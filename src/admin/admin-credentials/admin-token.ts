/**
 * The admin credential token: `nnladm-<credential id>-<secret>`, the secret being 32 random bytes
 * in base64url without padding (43 characters). The prefix lets secret scanners and people
 * recognise a leaked admin token; the id lets authentication load one row instead of trying all.
 *
 * Only SHA-256(secret) is stored, as hex. A slow password hash (PBKDF2, scrypt) protects secrets a
 * person chose, which are guessable; 256 random bits cannot be guessed however fast the hash, so a
 * fast hash loses nothing and keeps every admin request cheap.
 */
import { randomToken, sha256Hex } from "../../lib/crypto";
import { isUuid } from "../../lib/ids";

const PREFIX = "nnladm-";
const SECRET_BYTES = 32;
const TOKEN = /^nnladm-([0-9a-fA-F-]{36})-([A-Za-z0-9_-]{43})$/;

export interface ParsedAdminToken {
  credentialId: string;
  secret: string;
}

/** A fresh random secret, base64url without padding. */
export function newAdminSecret(): string {
  return randomToken(SECRET_BYTES);
}

export function formatAdminToken(credentialId: string, secret: string): string {
  return `${PREFIX}${credentialId}-${secret}`;
}

/** The id and secret of a well-formed token; null for anything else (the bootstrap token, garbage). */
export function parseAdminToken(token: string): ParsedAdminToken | null {
  const match = TOKEN.exec(token);
  const id = match?.[1];
  const secret = match?.[2];
  if (!id || !secret || !isUuid(id)) return null;
  return { credentialId: id.toLowerCase(), secret };
}

/** Lower-case hex SHA-256 of the secret: the stored form. */
export function hashAdminSecret(secret: string): Promise<string> {
  return sha256Hex(secret);
}
