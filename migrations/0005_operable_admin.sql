CREATE TABLE `admin_credentials` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`created_by` text NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`last_failed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_credentials_name_unique` ON `admin_credentials` (`name`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `last_used_at` integer;--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_organisation_at` ON `audit_log` (`organisation_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_at` ON `audit_log` (`actor`,`at`);