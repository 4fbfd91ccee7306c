CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`name` text NOT NULL,
	`key_type` text NOT NULL,
	`secret_encrypted` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_service_name_unique` ON `api_keys` (`service_id`,`name`);--> statement-breakpoint
CREATE INDEX `api_keys_service` ON `api_keys` (`service_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`organisation_id` text,
	`service_id` text,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`details` text,
	`request_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_service_at` ON `audit_log` (`service_id`,`at`);--> statement-breakpoint
CREATE TABLE `daily_statistics` (
	`service_id` text NOT NULL,
	`day` text NOT NULL,
	`notification_type` text NOT NULL,
	`status` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`billable_units` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`service_id`, `day`, `notification_type`, `status`)
);
--> statement-breakpoint
CREATE TABLE `email_reply_to` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`email_address` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `email_reply_to_service` ON `email_reply_to` (`service_id`);--> statement-breakpoint
CREATE TABLE `job_chunks` (
	`job_id` text NOT NULL,
	`chunk_index` integer NOT NULL,
	`first_row_number` integer NOT NULL,
	`rows` text NOT NULL,
	`expanded_at` integer,
	PRIMARY KEY(`job_id`, `chunk_index`)
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`template_id` text NOT NULL,
	`template_version` integer NOT NULL,
	`notification_type` text NOT NULL,
	`name` text NOT NULL,
	`reference` text,
	`sender_id` text,
	`api_key_id` text,
	`key_type` text NOT NULL,
	`notification_count` integer NOT NULL,
	`chunk_count` integer NOT NULL,
	`status` text NOT NULL,
	`scheduled_for` integer,
	`processing_started` integer,
	`processing_finished` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `jobs_service_created` ON `jobs` (`service_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_status_scheduled` ON `jobs` (`status`,`scheduled_for`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`template_id` text NOT NULL,
	`template_version` integer NOT NULL,
	`notification_type` text NOT NULL,
	`key_type` text NOT NULL,
	`api_key_id` text,
	`job_id` text,
	`job_row_number` integer,
	`to` text NOT NULL,
	`normalised_to` text NOT NULL,
	`international` integer DEFAULT false NOT NULL,
	`personalisation` text,
	`body` text NOT NULL,
	`subject` text,
	`reference` text,
	`sender_text` text,
	`one_click_unsubscribe_url` text,
	`lane` text NOT NULL,
	`status` text DEFAULT 'created' NOT NULL,
	`billable_units` integer DEFAULT 0 NOT NULL,
	`provider` text,
	`provider_reference` text,
	`provider_response` text,
	`claimed_at` integer,
	`send_attempts` integer DEFAULT 0 NOT NULL,
	`scheduled_for` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`sent_at` integer,
	`completed_at` integer,
	`updated_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_service_created` ON `notifications` (`service_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_status_created` ON `notifications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_job` ON `notifications` (`job_id`,`job_row_number`);--> statement-breakpoint
CREATE INDEX `notifications_scheduled` ON `notifications` (`scheduled_for`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_provider_reference` ON `notifications` (`provider_reference`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`send_rate_per_minute` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_unique` ON `organisations` (`name`);--> statement-breakpoint
CREATE TABLE `received_texts` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`notify_number` text NOT NULL,
	`user_number` text NOT NULL,
	`content` text NOT NULL,
	`provider_reference` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `received_texts_service_created` ON `received_texts` (`service_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `service_callbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`callback_type` text NOT NULL,
	`url` text NOT NULL,
	`bearer_token_encrypted` text NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_callbacks_type_unique` ON `service_callbacks` (`service_id`,`callback_type`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`name` text NOT NULL,
	`restricted` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sms_sender` text NOT NULL,
	`email_from` text NOT NULL,
	`rate_limit` integer NOT NULL,
	`sms_daily_limit` integer NOT NULL,
	`email_daily_limit` integer NOT NULL,
	`retention_days` integer NOT NULL,
	`permissions` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_org_name_unique` ON `services` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `sms_senders` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`sms_sender` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`inbound_number` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sms_senders_service` ON `sms_senders` (`service_id`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`email_address` text,
	`phone_number` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_service` ON `team_members` (`service_id`);--> statement-breakpoint
CREATE TABLE `template_versions` (
	`template_id` text NOT NULL,
	`version` integer NOT NULL,
	`service_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`priority` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`template_id`, `version`),
	FOREIGN KEY (`template_id`) REFERENCES `templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `templates` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`priority` text DEFAULT 'normal' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `templates_service` ON `templates` (`service_id`);