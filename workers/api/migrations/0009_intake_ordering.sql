CREATE TABLE `intake_batch_chunks` (
	`tenant_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`lines` text NOT NULL,
	`applied_at` integer,
	PRIMARY KEY(`tenant_id`, `batch_id`, `chunk`)
);
--> statement-breakpoint
CREATE TABLE `intake_parked` (
	`tenant_id` text NOT NULL,
	`account_ref` text NOT NULL,
	`event_key` text NOT NULL,
	`event` text NOT NULL,
	`parked_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `account_ref`, `event_key`)
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `open_sequence` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `flags_updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `payments_account_idx` ON `payments` (`tenant_id`,`account_id`,`paid_at`);