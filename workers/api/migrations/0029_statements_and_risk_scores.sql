-- Monthly card statements from core banking (intake `account.statement_issued`): the early-warning
-- model's input. One row per account and statement month; a later correction replaces it.
CREATE TABLE `statements` (
	`tenant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`period` text NOT NULL,
	`currency` text NOT NULL,
	`limit_minor` integer NOT NULL,
	`balance_minor` integer NOT NULL,
	`minimum_due_minor` integer NOT NULL,
	`payment_minor` integer NOT NULL,
	`status` text NOT NULL,
	`months_late` integer DEFAULT 0 NOT NULL,
	`source_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `account_id`, `period`)
);
--> statement-breakpoint
-- One daily scoring run per tenant and local date, walked in account-id chunks through the queue.
CREATE TABLE `risk_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`scored_on` text NOT NULL,
	`policy_version` integer NOT NULL,
	`status` text NOT NULL,
	`after_account_id` text,
	`scored` integer DEFAULT 0 NOT NULL,
	`unscored` integer DEFAULT 0 NOT NULL,
	`warned` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`progressed_at` integer,
	`nudged_at` integer,
	`completed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risk_runs_tenant_day_uq` ON `risk_runs` (`tenant_id`,`scored_on`);
--> statement-breakpoint
-- Each account's score of a day, its top reasons and the early-warning action the policy set chose.
CREATE TABLE `risk_scores` (
	`tenant_id` text NOT NULL,
	`scored_on` text NOT NULL,
	`account_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`run_id` text NOT NULL,
	`model` text NOT NULL,
	`probability` real NOT NULL,
	`band` text NOT NULL,
	`action` text NOT NULL,
	`reasons` text NOT NULL,
	`action_reasons` text NOT NULL,
	`latest_period` text NOT NULL,
	`scored_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `scored_on`, `account_id`)
);
--> statement-breakpoint
CREATE INDEX `risk_scores_rank_idx` ON `risk_scores` (`tenant_id`,`scored_on`,`probability` DESC,`account_id`);
--> statement-breakpoint
CREATE INDEX `risk_scores_account_idx` ON `risk_scores` (`tenant_id`,`account_id`,`scored_on`);
