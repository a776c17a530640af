-- The daily retention job: one run per tenant and UTC day (its primary key makes starting it
-- idempotent), advancing chunk by chunk on the queue; `after_case_id` is the cursor a chunk must find.
CREATE TABLE `retention_runs` (
	`tenant_id` text NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`cutoff` integer NOT NULL,
	`retention_years` integer NOT NULL,
	`after_case_id` text,
	`erased_cases` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`progressed_at` integer,
	`nudged_at` integer,
	`completed_at` integer,
	PRIMARY KEY(`tenant_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `retention_runs_running_idx` ON `retention_runs` (`created_at`) WHERE `status` = 'running';
--> statement-breakpoint
-- When a case's (and, once all its cases are, a customer's) personal data was erased.
ALTER TABLE `cases` ADD `erased_at` integer;
--> statement-breakpoint
ALTER TABLE `customers` ADD `erased_at` integer;
--> statement-breakpoint
ALTER TABLE `accounts` ADD `erased_at` integer;
--> statement-breakpoint
-- Ended cases not yet erased, in id order per tenant: what a retention chunk walks.
CREATE INDEX `cases_retention_idx` ON `cases` (`tenant_id`,`id`,`ended_at`) WHERE `ended_at` IS NOT NULL AND `erased_at` IS NULL;
--> statement-breakpoint
-- Intake signing secrets sealed with AES-GCM (`ciphertext`, under key `key_id`); `secret` holds a
-- plaintext one only until the cron seals it (rows written before this migration, or by a script
-- without the key). SQLite cannot drop NOT NULL in place, so the table is rebuilt.
CREATE TABLE `intake_secrets_sealed` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`secret` text,
	`ciphertext` text,
	`key_id` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	CHECK ((`secret` IS NULL) <> (`ciphertext` IS NULL)),
	CHECK ((`ciphertext` IS NULL) = (`key_id` IS NULL))
);
--> statement-breakpoint
INSERT INTO `intake_secrets_sealed` (`id`, `tenant_id`, `secret`, `created_at`, `revoked_at`)
	SELECT `id`, `tenant_id`, `secret`, `created_at`, `revoked_at` FROM `intake_secrets`;
--> statement-breakpoint
DROP TABLE `intake_secrets`;
--> statement-breakpoint
ALTER TABLE `intake_secrets_sealed` RENAME TO `intake_secrets`;
--> statement-breakpoint
CREATE INDEX `intake_secrets_tenant_idx` ON `intake_secrets` (`tenant_id`);
