CREATE TABLE `callback_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`notification_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `callback_outbox_notification` ON `callback_outbox` (`notification_id`);--> statement-breakpoint
CREATE INDEX `callback_outbox_created` ON `callback_outbox` (`created_at`);