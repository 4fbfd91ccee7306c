/** The Worker's `scheduled`: runs the tasks of the cron table for one trigger. */
import { errorFields, log } from "../lib/log";
import { CRON_TABLE } from "../scheduled/cron-table";
import { servicesFor } from "./build-services";

export async function runScheduled(controller: ScheduledController, env: Env): Promise<void> {
  const tasks = CRON_TABLE[controller.cron];
  if (!tasks) throw new Error(`No tasks for cron ${controller.cron}`);
  const services = servicesFor(env);
  const failures: unknown[] = [];
  for (const task of tasks) {
    try {
      await task.run(services, controller.scheduledTime);
    } catch (error) {
      failures.push(error);
      log.error("cron_task_failed", { task: task.name, cron: controller.cron, ...errorFields(error) });
    }
  }
  // Rethrow so the invocation is marked failed; the other tasks still ran.
  if (failures.length > 0) throw failures[0];
}
