ALTER TABLE `screening_runs` ADD `progressed_at` integer;--> statement-breakpoint
ALTER TABLE `screening_runs` ADD `nudged_at` integer;--> statement-breakpoint
CREATE INDEX `screening_runs_running_idx` ON `screening_runs` (`created_at`) WHERE "screening_runs"."status" = 'running';--> statement-breakpoint
ALTER TABLE `visit_plans` ADD `nudged_at` integer;--> statement-breakpoint
CREATE INDEX `visit_plans_solving_idx` ON `visit_plans` (`created_at`) WHERE "visit_plans"."status" = 'solving';