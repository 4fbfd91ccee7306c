DROP INDEX `api_keys_service_name_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_service_active_name_unique` ON `api_keys` (`service_id`,`name`) WHERE revoked_at IS NULL;