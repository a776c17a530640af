CREATE TABLE `screening_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`filter` text NOT NULL,
	`policy_version` integer NOT NULL,
	`status` text NOT NULL,
	`screened` integer DEFAULT 0 NOT NULL,
	`eligible` integer DEFAULT 0 NOT NULL,
	`after_case_id` text,
	`created_at` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `screening_runs_tenant_idx` ON `screening_runs` (`tenant_id`,`created_at`);