CREATE TABLE `notification_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notification_id` text NOT NULL,
	`service_id` text NOT NULL,
	`at` integer NOT NULL,
	`attempt` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`source` text,
	`provider` text,
	`provider_status` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `notification_events_notification` ON `notification_events` (`notification_id`,`id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suppressions_recipient_unique` ON `suppressions` (`service_id`,`channel`,`recipient`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `attempt` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `status_source` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `provider_status` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `fallback_to` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `fallback_template_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `fallback_notification_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `fallback_of` text;--> statement-breakpoint
CREATE INDEX `notifications_fallback_due` ON `notifications` (`updated_at`) WHERE fallback_to IS NOT NULL AND fallback_notification_id IS NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `retry_sms` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `retry_email` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `retry_after_seconds` integer;--> statement-breakpoint
ALTER TABLE `services` ADD `callback_history` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `templates` ADD `retry_failed` integer;--> statement-breakpoint
-- The status history is written by triggers (not by drizzle, which does not model them), so every
-- path that inserts a notification or changes its status leaves its trace (src/db/schema.ts,
-- notificationEvents; docs/storage-schema.md).
CREATE TRIGGER `notification_events_on_insert` AFTER INSERT ON `notifications`
BEGIN
  INSERT INTO `notification_events` (`notification_id`, `service_id`, `at`, `attempt`, `from_status`, `to_status`, `source`, `provider`, `provider_status`, `detail`)
  VALUES (NEW.`id`, NEW.`service_id`, NEW.`created_at`, NEW.`attempt`, NULL, NEW.`status`,
          COALESCE(NEW.`status_source`, CASE WHEN NEW.`job_id` IS NULL THEN 'api' ELSE 'bulk' END),
          NEW.`provider`, NEW.`provider_status`, NEW.`provider_response`);
END;
--> statement-breakpoint
CREATE TRIGGER `notification_events_on_status` AFTER UPDATE OF `status` ON `notifications`
WHEN OLD.`status` IS NOT NEW.`status`
BEGIN
  INSERT INTO `notification_events` (`notification_id`, `service_id`, `at`, `attempt`, `from_status`, `to_status`, `source`, `provider`, `provider_status`, `detail`)
  VALUES (NEW.`id`, NEW.`service_id`, COALESCE(NEW.`updated_at`, CAST(unixepoch('subsec') * 1000 AS INTEGER)), NEW.`attempt`, OLD.`status`, NEW.`status`,
          NEW.`status_source`, NEW.`provider`, NEW.`provider_status`, NEW.`provider_response`);
END;
--> statement-breakpoint
CREATE TRIGGER `notification_events_on_delete` AFTER DELETE ON `notifications`
BEGIN
  DELETE FROM `notification_events` WHERE `notification_id` = OLD.`id`;
END;
