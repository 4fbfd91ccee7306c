// Open-loop load: sends POST /v2/notifications/sms at a fixed offered rate (not "as fast as the
// server answers"), recording when each 201 arrived, so handoff latency is measured honestly.
import { tokenSource } from "./jwt.mjs";

export async function offerSms({ url, apiKey, templateId, ratePerSecond, seconds, phone = "0612345678", onCreated }) {
  const auth = tokenSource(apiKey);
  const tickMs = 10;
  const total = Math.round(ratePerSecond * seconds);
  const created = new Map(); // notification id → time the 201 arrived
  const failures = new Map(); // status → count
  const inFlight = new Set();
  const started = performance.now();
  let sent = 0;
  const send = async (i) => {
    const body = JSON.stringify({ phone_number: phone, template_id: templateId, personalisation: { naam: `Burger ${i}`, datum: "1 mei" } });
    try {
      const res = await fetch(`${url}/v2/notifications/sms`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", authorization: auth() },
      });
      const text = await res.text();
      if (res.status === 201) {
        const id = JSON.parse(text).id;
        created.set(id, Date.now());
        onCreated?.(id);
      } else {
        failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
        if (process.env.BENCH_DEBUG && (failures.get(res.status) ?? 0) <= 2) console.error(res.status, text.slice(0, 300));
      }
    } catch (error) {
      failures.set("network", (failures.get("network") ?? 0) + 1);
      if (process.env.BENCH_DEBUG && (failures.get("network") ?? 0) <= 2) console.error("network", String(error), error.cause);
    }
  };
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * ratePerSecond) + 1);
    while (sent < due) {
      const p = send(sent++);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await new Promise((r) => setTimeout(r, tickMs));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  return { created, failures: Object.fromEntries(failures), offered: total, achievedRate: created.size / elapsed, elapsed };
}

/** Waits until the CM simulator holds a message for every id (reference = id without hyphens). */
export async function waitForHandoff(cm, ids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const wanted = new Set([...ids].map((id) => id.replaceAll("-", "")));
  let received = new Map();
  while (Date.now() < deadline) {
    received = receivedAt(cm, wanted);
    if (received.size >= wanted.size) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return received;
}

export function receivedAt(cm, wantedRefs) {
  const map = new Map();
  for (const message of cm.messages({})) {
    if (wantedRefs.has(message.reference) && !map.has(message.reference)) map.set(message.reference, Date.parse(message.receivedAt));
  }
  return map;
}
