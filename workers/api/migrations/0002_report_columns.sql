DROP INDEX `outcomes_tenant_time_idx`;--> statement-breakpoint
DROP INDEX `outcomes_agent_idx`;--> statement-breakpoint
ALTER TABLE `visit_outcomes` ADD `local_date` text NOT NULL;--> statement-breakpoint
ALTER TABLE `visit_outcomes` ADD `region_id` text;--> statement-breakpoint
ALTER TABLE `visit_outcomes` ADD `agency_id` text;--> statement-breakpoint
ALTER TABLE `visit_outcomes` ADD `bucket` text NOT NULL;--> statement-breakpoint
CREATE INDEX `outcomes_tenant_day_idx` ON `visit_outcomes` (`tenant_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `outcomes_agent_idx` ON `visit_outcomes` (`tenant_id`,`agent_id`,`local_date`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `outstanding_balance` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `delinquency_snapshots` ADD `outstanding_balance` integer DEFAULT 0 NOT NULL;