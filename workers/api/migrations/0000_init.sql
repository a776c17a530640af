CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`external_ref` text NOT NULL,
	`kind` text NOT NULL,
	`product` text NOT NULL,
	`currency` text NOT NULL,
	`limit_or_principal` integer NOT NULL,
	`status` text NOT NULL,
	`last_sequence` integer,
	`last_as_of` text,
	`dpd` integer DEFAULT 0 NOT NULL,
	`overdue_total` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_tenant_ref_uq` ON `accounts` (`tenant_id`,`external_ref`);--> statement-breakpoint
CREATE INDEX `accounts_customer_idx` ON `accounts` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE TABLE `agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agencies_tenant_idx` ON `agencies` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`agency_id` text,
	`name` text NOT NULL,
	`home_lat` real NOT NULL,
	`home_lon` real NOT NULL,
	`shift_start` text NOT NULL,
	`shift_end` text NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`territory` text DEFAULT '[]' NOT NULL,
	`daily_capacity` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agents_tenant_idx` ON `agents` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`role` text NOT NULL,
	`agency_id` text,
	`agent_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_tenant_idx` ON `api_keys` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_key_id` text,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text,
	`reason` text,
	`data` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_tenant_time_idx` ON `audit_log` (`tenant_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_log` (`tenant_id`,`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`account_id` text NOT NULL,
	`status` text NOT NULL,
	`bucket` text NOT NULL,
	`dpd` integer NOT NULL,
	`overdue_total` integer NOT NULL,
	`overdue_at_open` integer NOT NULL,
	`currency` text NOT NULL,
	`region_id` text,
	`agency_id` text,
	`eligible` integer,
	`priority` real,
	`last_screened_at` integer,
	`opened_at` integer NOT NULL,
	`ended_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cases_tenant_priority_idx` ON `cases` (`tenant_id`,`status`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_order_idx` ON `cases` (`tenant_id`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `cases_account_idx` ON `cases` (`tenant_id`,`account_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_customer_idx` ON `cases` (`tenant_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `cases_agency_idx` ON `cases` (`tenant_id`,`agency_id`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `cases_region_idx` ON `cases` (`tenant_id`,`region_id`,`priority`,`id`);--> statement-breakpoint
CREATE TABLE `compliance_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`rule` text NOT NULL,
	`supervisor_key_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `overrides_visit_rule_uq` ON `compliance_overrides` (`tenant_id`,`visit_id`,`rule`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`external_ref` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`address_line` text,
	`lat` real,
	`lon` real,
	`region_id` text,
	`time_zone` text,
	`language` text,
	`household_notes` text,
	`flags` text DEFAULT '{}' NOT NULL,
	`credit_history` text DEFAULT '{}' NOT NULL,
	`source_updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_tenant_ref_uq` ON `customers` (`tenant_id`,`external_ref`);--> statement-breakpoint
CREATE INDEX `customers_tenant_id_idx` ON `customers` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `delinquency_snapshots` (
	`tenant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`as_of` text NOT NULL,
	`dpd` integer NOT NULL,
	`overdue_principal` integer NOT NULL,
	`overdue_interest` integer NOT NULL,
	`overdue_fees` integer NOT NULL,
	`currency` text NOT NULL,
	`bucket` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `account_id`, `sequence`)
);
--> statement-breakpoint
CREATE TABLE `education_assignments` (
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`module_id` text NOT NULL,
	`assigned_at` integer NOT NULL,
	`completed_at` integer,
	PRIMARY KEY(`tenant_id`, `case_id`, `module_id`)
);
--> statement-breakpoint
CREATE TABLE `event_inbox` (
	`tenant_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`body_hash` text NOT NULL,
	`event_types` text NOT NULL,
	`response_status` integer NOT NULL,
	`response_body` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `webhook_id`)
);
--> statement-breakpoint
CREATE TABLE `experiment_assignments` (
	`tenant_id` text NOT NULL,
	`experiment_id` text NOT NULL,
	`case_id` text NOT NULL,
	`arm` text NOT NULL,
	`stratum` text NOT NULL,
	`hash` text NOT NULL,
	`assigned_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `experiment_id`, `case_id`)
);
--> statement-breakpoint
CREATE INDEX `assignments_arm_idx` ON `experiment_assignments` (`tenant_id`,`experiment_id`,`arm`);--> statement-breakpoint
CREATE TABLE `experiments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `experiments_tenant_idx` ON `experiments` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `follow_up_timers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`due_at` integer NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_until` integer,
	`idempotency_key` text NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`reason` text NOT NULL,
	`result` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `timers_idem_uq` ON `follow_up_timers` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `timers_sweep_idx` ON `follow_up_timers` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `timers_case_idx` ON `follow_up_timers` (`tenant_id`,`case_id`,`state`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`api_key_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`state` text NOT NULL,
	`response_status` integer,
	`response_headers` text,
	`response_body` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `api_key_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `instalments` (
	`plan_id` text NOT NULL,
	`seq` integer NOT NULL,
	`tenant_id` text NOT NULL,
	`due_date` text NOT NULL,
	`due_at` integer NOT NULL,
	`amount` integer NOT NULL,
	`paid` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	PRIMARY KEY(`plan_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `intake_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`status` text NOT NULL,
	`total_lines` integer NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `batches_tenant_idx` ON `intake_batches` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `intake_secrets` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `intake_secrets_tenant_idx` ON `intake_secrets` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`account_id` text NOT NULL,
	`case_id` text,
	`external_ref` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`paid_at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_tenant_ref_uq` ON `payments` (`tenant_id`,`external_ref`);--> statement-breakpoint
CREATE INDEX `payments_case_idx` ON `payments` (`tenant_id`,`case_id`,`paid_at`);--> statement-breakpoint
CREATE TABLE `policy_sets` (
	`tenant_id` text NOT NULL,
	`version` integer NOT NULL,
	`document` text NOT NULL,
	`active` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	PRIMARY KEY(`tenant_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `promises` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`visit_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`promised_date` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`paid` integer DEFAULT 0 NOT NULL,
	`checked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `promises_case_idx` ON `promises` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `promises_due_idx` ON `promises` (`tenant_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `regions` (
	`tenant_id` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`risk_score` real NOT NULL,
	`risk_as_of` text NOT NULL,
	`center_lat` real,
	`center_lon` real,
	PRIMARY KEY(`tenant_id`, `id`)
);
--> statement-breakpoint
CREATE TABLE `repayment_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`waived` integer DEFAULT 0 NOT NULL,
	`currency` text NOT NULL,
	`term_months` integer NOT NULL,
	`reasons` text NOT NULL,
	`hardship` integer DEFAULT false NOT NULL,
	`proposed_at` integer NOT NULL,
	`accepted_at` integer,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `plans_case_idx` ON `repayment_plans` (`tenant_id`,`case_id`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `screening_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`policy_version` integer NOT NULL,
	`eligible` integer NOT NULL,
	`priority` real,
	`reasons` text NOT NULL,
	`decided_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `screening_case_idx` ON `screening_decisions` (`tenant_id`,`case_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`currency` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visit_outcomes` (
	`visit_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`agent_id` text,
	`contact_result` text NOT NULL,
	`checklist` text NOT NULL,
	`hardship` text DEFAULT '[]' NOT NULL,
	`willingness` integer,
	`ability_per_month` integer,
	`satisfaction` integer,
	`promise` text,
	`plan_proposal` text,
	`evidence` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outcomes_tenant_time_idx` ON `visit_outcomes` (`tenant_id`,`recorded_at`);--> statement-breakpoint
CREATE INDEX `outcomes_agent_idx` ON `visit_outcomes` (`tenant_id`,`agent_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `visit_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`date` text NOT NULL,
	`region_id` text,
	`status` text NOT NULL,
	`agent_ids` text NOT NULL,
	`unassigned` text DEFAULT '[]' NOT NULL,
	`stats` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `visit_plans_tenant_date_idx` ON `visit_plans` (`tenant_id`,`date`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`plan_id` text,
	`purpose` text NOT NULL,
	`dossier` text DEFAULT '{}' NOT NULL,
	`agent_ids` text NOT NULL,
	`lead_agent_id` text,
	`window_start` integer,
	`window_end` integer,
	`route_order` integer,
	`status` text NOT NULL,
	`checked_in_at` integer,
	`check_in_lat` real,
	`check_in_lon` real,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `visits_case_idx` ON `visits` (`tenant_id`,`case_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `visits_plan_idx` ON `visits` (`tenant_id`,`plan_id`,`lead_agent_id`,`route_order`);--> statement-breakpoint
CREATE INDEX `visits_agent_idx` ON `visits` (`tenant_id`,`lead_agent_id`,`window_start`);--> statement-breakpoint
CREATE INDEX `visits_status_idx` ON `visits` (`tenant_id`,`status`,`window_start`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`subscription_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_uq` ON `webhook_deliveries` (`subscription_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `deliveries_tenant_idx` ON `webhook_deliveries` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`url` text NOT NULL,
	`event_types` text NOT NULL,
	`secret` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subscriptions_tenant_idx` ON `webhook_subscriptions` (`tenant_id`);