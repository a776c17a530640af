CREATE TABLE `lesson_versions` (
	`tenant_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`version` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `lesson_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `lesson_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`case_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`lesson_version` integer NOT NULL,
	`language` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`local_date` text NOT NULL,
	`started_at` integer,
	`sections_read` text DEFAULT '[]' NOT NULL,
	`completed_at` integer,
	`quiz_answers` text,
	`quiz_correct` integer,
	`quiz_total` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_assignments_customer_lesson_uq` ON `lesson_assignments` (`tenant_id`,`customer_id`,`lesson_id`);--> statement-breakpoint
CREATE INDEX `lesson_assignments_customer_time_idx` ON `lesson_assignments` (`tenant_id`,`customer_id`,`assigned_at`,`id`);--> statement-breakpoint
CREATE INDEX `lesson_assignments_report_idx` ON `lesson_assignments` (`tenant_id`,`local_date`,`lesson_id`,`language`);
