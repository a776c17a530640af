-- Rollups built by chunked queue jobs (issue #20), for the KPIs that follow accounts over time: a cohort
-- of accounts delinquent at a month end (cure, recovery, cost per cured case), the portfolio at that month
-- end with its changes through the next one (overdue rates), the bucket matrix from it (roll rates) and the
-- experiment arms (effect report). A run recomputes one tenant's rollup for one month end from the raw rows,
-- chunk by chunk, into rows of its own; `rollup_heads` then points reports at it, and the rows of the run
-- it replaced are deleted in chunks. Reports never see a half-built run.
CREATE TABLE `rollup_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`cursor` text DEFAULT '' NOT NULL,
	`replaced_run_id` text,
	`reason` text NOT NULL,
	`statements` integer DEFAULT 0 NOT NULL,
	`d1_ms` real DEFAULT 0 NOT NULL,
	`max_statement_ms` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`progressed_at` integer,
	`completed_at` integer,
	`nudged_at` integer
);
--> statement-breakpoint
CREATE INDEX `rollup_runs_subject_idx` ON `rollup_runs` (`tenant_id`,`kind`,`subject`,`period`,`created_at`);--> statement-breakpoint
-- Runs under way, by rollup: at most one per rollup, found without reading finished runs.
CREATE INDEX `rollup_runs_active_idx` ON `rollup_runs` (`tenant_id`,`kind`,`subject`,`period`) WHERE `status` IN ('running', 'purging');--> statement-breakpoint
CREATE TABLE `rollup_heads` (
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`period` text NOT NULL,
	`run_id` text NOT NULL,
	`built_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `kind`, `subject`, `period`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `cohort_rollups` (
	`run_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`region_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`bucket` text NOT NULL,
	`currency` text NOT NULL,
	`delinquent` integer DEFAULT 0 NOT NULL,
	`overdue` integer DEFAULT 0 NOT NULL,
	`cured` integer DEFAULT 0 NOT NULL,
	`collected` integer DEFAULT 0 NOT NULL,
	`visits` integer DEFAULT 0 NOT NULL,
	`cured_visited` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`run_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`, `currency`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `portfolio_rollups` (
	`run_id` text NOT NULL,
	`day` text NOT NULL,
	`region_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`bucket` text NOT NULL,
	`currency` text NOT NULL,
	`accounts` integer DEFAULT 0 NOT NULL,
	`overdue_accounts` integer DEFAULT 0 NOT NULL,
	`outstanding` integer DEFAULT 0 NOT NULL,
	`overdue_outstanding` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`run_id`, `day`, `region_id`, `agency_id`, `bucket`, `currency`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `roll_rollups` (
	`run_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`from_bucket` text NOT NULL,
	`to_bucket` text NOT NULL,
	`accounts` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`run_id`, `grain`, `period`, `from_bucket`, `to_bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `effect_rollups` (
	`run_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`arm` text NOT NULL,
	`cases` integer DEFAULT 0 NOT NULL,
	`cured` integer DEFAULT 0 NOT NULL,
	`recovered_sum` integer DEFAULT 0 NOT NULL,
	`recovered_sum_of_squares` integer DEFAULT 0 NOT NULL,
	`promises_due` integer DEFAULT 0 NOT NULL,
	`promises_kept` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`run_id`, `grain`, `period`, `arm`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Tenants with outcomes or promises from before the activity triggers existed: the cron rebuilds their
-- activity rollups month by month, then deletes the row.
CREATE TABLE `rollup_backfills` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`next_month` text,
	`last_month` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `rollup_backfills` (`tenant_id`, `created_at`)
  SELECT t.`id`, CAST(strftime('%s', 'now') AS integer) * 1000 FROM `tenants` t
  WHERE EXISTS (SELECT 1 FROM `visit_outcomes` o WHERE o.`tenant_id` = t.`id`)
     OR EXISTS (SELECT 1 FROM `promises` p WHERE p.`tenant_id` = t.`id`);
