CREATE TABLE `relationship_preferences` (
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`choice` text NOT NULL,
	`channel` text NOT NULL,
	`stated_at` integer NOT NULL,
	`recorded_by_key_id` text NOT NULL,
	`recorded_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX `cases_cured_idx` ON `cases` (`tenant_id`,`ended_at`) WHERE "cases"."status" = 'cured';
