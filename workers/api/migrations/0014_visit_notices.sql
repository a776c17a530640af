CREATE TABLE `visit_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`given_at` integer NOT NULL,
	`channel` text NOT NULL,
	`likely_start` integer NOT NULL,
	`likely_end` integer NOT NULL,
	`recorded_by_key_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `visit_notices_visit_idx` ON `visit_notices` (`tenant_id`,`visit_id`,`given_at`);