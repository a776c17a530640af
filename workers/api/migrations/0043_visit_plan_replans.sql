-- A re-plan of a day in progress: what changed (the request), solved on the queue like the first plan,
-- then what moved and why (the result). One re-plan of a plan solves at a time.
CREATE TABLE `visit_plan_replans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	`request` text NOT NULL,
	`result` text,
	`requested_by_key_id` text,
	`created_at` integer NOT NULL,
	`applied_at` integer,
	`nudged_at` integer
);
--> statement-breakpoint
CREATE INDEX `replans_plan_idx` ON `visit_plan_replans` (`tenant_id`,`plan_id`,`created_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `replans_one_solving_uq` ON `visit_plan_replans` (`tenant_id`,`plan_id`) WHERE "visit_plan_replans"."status" = 'solving';
--> statement-breakpoint
CREATE INDEX `replans_solving_idx` ON `visit_plan_replans` (`created_at`) WHERE "visit_plan_replans"."status" = 'solving';
