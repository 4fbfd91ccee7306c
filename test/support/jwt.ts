/**
 * Signing requests the way the official Notify clients do: the API key is
 * `<name>-<service id>-<secret>`, parsed by position (name may contain '-'), and each request
 * carries a fresh HS256 JWT with iss = service id and iat = now.
 */
import jwt from "@tsndr/cloudflare-worker-jwt";

export function parseApiKey(key: string): { serviceId: string; secret: string } {
  return { serviceId: key.slice(-73, -37), secret: key.slice(-36) };
}

export async function bearerFor(key: string, options: { iat?: number; iss?: string; alg?: "HS256" | "HS512" } = {}): Promise<string> {
  const { serviceId, secret } = parseApiKey(key);
  const token = await jwt.sign(
    { iss: options.iss ?? serviceId, iat: options.iat ?? Math.round(Date.now() / 1000) },
    secret,
    { algorithm: options.alg ?? "HS256" },
  );
  return `Bearer ${token}`;
}
