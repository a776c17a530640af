CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text,
	`visit_id` text,
	`channel` text NOT NULL,
	`category` text NOT NULL,
	`local_date` text NOT NULL,
	`received_at` integer NOT NULL,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `complaints_tenant_day_idx` ON `complaints` (`tenant_id`,`local_date`);