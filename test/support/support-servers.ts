/**
 * Real local peers for the Worker under test: the CM.com fake, an SMTP server (smtp-server) and an
 * HTTP receiver for service callbacks. Tests read what arrived through the support server's API:
 *   GET  /callbacks?path=/x   POSTs received at /hook/x (headers + JSON body)
 *   GET  /mails               messages received by SMTP (envelope + raw source)
 *   PUT  /hook/<path>?status=503   make a callback endpoint answer with that status from now on
 *   CM.com delivery reports arrive at /hook/cm-status
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

interface ReceivedCallback {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}
interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  at: number;
}

export interface SupportServers {
  cmUrl: string;
  smtpPort: number;
  supportUrl: string;
  close(): Promise<void>;
}

export async function startSupportServers(): Promise<SupportServers> {
  const callbacks: ReceivedCallback[] = [];
  const mails: ReceivedMail[] = [];
  const hookStatus = new Map<string, number>();

  const support = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith("/hook/")) {
        const path = url.pathname.slice("/hook".length);
        if (req.method === "PUT") {
          hookStatus.set(path, Number(url.searchParams.get("status") ?? "200"));
          return send(200, { ok: true });
        }
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* keep raw text */
        }
        callbacks.push({ method: req.method ?? "GET", path, query: url.search, headers: req.headers, body, at: Date.now() });
        return send(hookStatus.get(path) ?? 200, { ok: true });
      }
      if (url.pathname === "/callbacks") {
        const path = url.searchParams.get("path");
        return send(
          200,
          callbacks.filter((c) => !path || c.path === path),
        );
      }
      if (url.pathname === "/mails") return send(200, mails);
      send(404, { error: "not found" });
    });
  });
  await new Promise<void>((resolve) => support.listen(0, "127.0.0.1", resolve));
  const supportUrl = `http://127.0.0.1:${(support.address() as AddressInfo).port}`;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          at: Date.now(),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const cm = await startCm(`${supportUrl}/hook/cm-status`);

  return {
    cmUrl: cm.url,
    smtpPort,
    supportUrl,
    async close() {
      await cm.close();
      await new Promise<void>((resolve) => support.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

async function startCm(reportUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  // The simulator is plain JS typed with JSDoc (checked by `tsc -p tools`). This project has allowJs off,
  // so TypeScript cannot read those types here; the cast names the little this file uses.
  const { startCmSimulator } = await import("../../tools/cm-simulator/server.mjs");
  // The Worker under test has no listening port, so delivery reports land in the support server
  // (GET /callbacks?path=/cm-status) and tests relay them into the Worker's webhook.
  return startCmSimulator({ productToken: "00000000-0000-0000-0000-000000000001", reportUrl, reportDelayMs: 20 });
}
