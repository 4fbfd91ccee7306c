/**
 * NotifyNL Edge Worker: wiring only. HTTP (public API, admin API, webhooks), queue consumers and
 * cron triggers (src/app/worker.ts), and the two Durable Object classes.
 */
import { worker } from "./app/worker";

export { OrgGate } from "./gate/org-gate.do";
export { ReceiptWriter } from "./webhooks/receipt-writer.do";

export default worker;
