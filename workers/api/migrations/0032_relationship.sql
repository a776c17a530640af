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
--> statement-breakpoint
CREATE TABLE `after_cure_relationships` (
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`cured_at` integer NOT NULL,
	`policy` text,
	`consent` text,
	`experiment_id` text,
	`arm` text,
	`draw` real,
	`reasons` text NOT NULL,
	`planned_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `case_id`)
);
--> statement-breakpoint
CREATE INDEX `after_cure_experiment_idx` ON `after_cure_relationships` (`tenant_id`,`experiment_id`,`cured_at`);
