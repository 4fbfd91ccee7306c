// What `npm start` prints once the server is up, and the local record of the demo keys.
// An API key is shown by the admin API only once, so the keys of the demo tenant are kept in the
// (git-ignored) local state directory and printed again on later starts while that state lasts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const DEMO_FILE = "notifynl-demo.json";

/** Saves the demo tenant's ids and keys next to the local D1 state (mode 600; local development only). */
export function saveDemo(stateDir, demo) {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(path.join(stateDir, DEMO_FILE), JSON.stringify(demo, null, 2), { mode: 0o600 });
}

/** The saved demo tenant, if its organisation still exists in this database. */
export function loadDemo(stateDir, organisations) {
  const file = path.join(stateDir, DEMO_FILE);
  if (!existsSync(file)) return null;
  try {
    const demo = JSON.parse(readFileSync(file, "utf8"));
    return organisations.some((o) => o.id === demo.organisationId) ? demo : null;
  } catch {
    return null;
  }
}

/** A Node one-liner that signs a Notify JWT with the key and sends the demo SMS. */
function exampleCommand(baseUrl, key, templateId) {
  const body = JSON.stringify({
    phone_number: "0612345678",
    template_id: templateId,
    personalisation: { naam: "Jan Jansen", kenteken: "AB-123-C", datum: "31 december 2026" },
  });
  const script = [
    `const k=process.env.NOTIFY_API_KEY,c=require("node:crypto"),b=o=>Buffer.from(JSON.stringify(o)).toString("base64url");`,
    `const h=b({typ:"JWT",alg:"HS256"})+"."+b({iss:k.slice(-73,-37),iat:Math.floor(Date.now()/1000)});`,
    `const t=h+"."+c.createHmac("sha256",k.slice(-36)).update(h).digest("base64url");`,
    `fetch("${baseUrl}/v2/notifications/sms",{method:"POST",headers:{authorization:"Bearer "+t,"content-type":"application/json"},`,
    `body:JSON.stringify(${body})}).then(async r=>console.log(r.status,await r.text()))`,
  ].join("\n");
  return `NOTIFY_API_KEY='${key}' node -e '\n${script}'`;
}

/** How to sign in to the console as the demo user, second factor included. */
function consoleLines(baseUrl, user) {
  if (!user) return [];
  return [
    "",
    `Web console:      ${baseUrl}/`,
    `Demo user:        ${user.emailAddress}`,
    `Password:         ${user.password}`,
    `Second factor:    add this key to an authenticator app (Google Authenticator, Microsoft`,
    `                  Authenticator, FreeOTP...) as a time-based key: ${user.totpSecret}`,
    "                  or print the current code with: npm run totp",
  ];
}

/** Prints the summary: where the server is, the admin token, the demo keys and templates, an example. */
export function printBanner({ baseUrl, adminToken, demo, seeded, organisationCount, simulator }) {
  const lines = ["", "━━━━━━━━ NotifyNL Edge is running ━━━━━━━━", `URL:              ${baseUrl}`, `Admin token:      ${adminToken}`];
  if (simulator) lines.push(`CM.com simulator: ${simulator.url} (SMS_PROVIDER=cm)`);
  if (demo) {
    lines.push(
      "",
      seeded ? "Demo tenant created (empty database):" : "Demo tenant (from an earlier start):",
      `Organisation:     Gemeente Voorbeeld  ${demo.organisationId}`,
      `Service:          Parkeervergunningen ${demo.serviceId}`,
      `API key (normal): ${demo.keys.normal.key}`,
      `API key (test):   ${demo.keys.test.key}`,
      `SMS template:     ${demo.smsTemplateId}`,
      `Email template:   ${demo.emailTemplateId}`,
      ...consoleLines(baseUrl, demo.consoleUser),
      "",
      "Send the demo SMS (a Notify client works too: use the API key and base URL above):",
      exampleCommand(baseUrl, demo.keys.test.key, demo.smsTemplateId),
    );
  } else {
    lines.push(
      "",
      `The database has ${organisationCount} organisation(s); no demo tenant was created.`,
      "Manage tenants with: npm run admin -- help",
    );
  }
  lines.push("", `Admin CLI: NOTIFYNL_URL=${baseUrl} npm run admin -- list-organisations`, "Stop with Ctrl-C.", "");
  console.log(lines.join("\n"));
}
