CREATE TABLE `outbound_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`source_id` text NOT NULL,
	`data` text NOT NULL,
	`occurred_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_tenant_time_idx` ON `outbound_events` (`tenant_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `events_source_idx` ON `outbound_events` (`tenant_id`,`source_id`);--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `lease_until` integer;--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);