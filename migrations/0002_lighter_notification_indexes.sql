DROP INDEX `notifications_provider_reference`;--> statement-breakpoint
DROP INDEX `notifications_job`;--> statement-breakpoint
DROP INDEX `notifications_scheduled`;--> statement-breakpoint
CREATE INDEX `notifications_job` ON `notifications` (`job_id`,`job_row_number`) WHERE job_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `notifications_scheduled` ON `notifications` (`scheduled_for`) WHERE scheduled_for IS NOT NULL;