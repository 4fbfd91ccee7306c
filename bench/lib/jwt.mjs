// Notify-client JWTs in Node (HS256 over {iss, iat}), cached for a few seconds: Notify accepts a token
// for ±30 s, and the official clients make one per request; reusing one for 5 s keeps the load
// generator's CPU for sending requests.
import { createHmac } from "node:crypto";

const b64url = (input) => Buffer.from(input).toString("base64url");

export function signNotifyJwt(apiKey, iat = Math.floor(Date.now() / 1000)) {
  const serviceId = apiKey.slice(-73, -37);
  const secret = apiKey.slice(-36);
  const head = `${b64url(JSON.stringify({ typ: "JWT", alg: "HS256" }))}.${b64url(JSON.stringify({ iss: serviceId, iat }))}`;
  return `${head}.${createHmac("sha256", secret).update(head).digest("base64url")}`;
}

export function tokenSource(apiKey, maxAgeMs = 5_000) {
  let token = "";
  let madeAt = 0;
  return () => {
    const now = Date.now();
    if (now - madeAt > maxAgeMs) {
      token = signNotifyJwt(apiKey);
      madeAt = now;
    }
    return `Bearer ${token}`;
  };
}
