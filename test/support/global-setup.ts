/**
 * Runs in Node before workerd starts: a CM.com fake, a real SMTP server and a callback receiver,
 * all on 127.0.0.1 with ephemeral ports, handed to the Worker as bindings.
 */
import type { TestProject } from "vitest/node";
import { startSupportServers } from "./support-servers";

declare module "vitest" {
  export interface ProvidedContext {
    cmUrl: string;
    smtpPort: number;
    supportUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const servers = await startSupportServers();
  project.provide("cmUrl", servers.cmUrl);
  project.provide("smtpPort", servers.smtpPort);
  project.provide("supportUrl", servers.supportUrl);
  return () => servers.close();
}
