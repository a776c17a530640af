CREATE TABLE `contact_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`channel` text NOT NULL,
	`reached` integer NOT NULL,
	`at` integer NOT NULL,
	`recorded_by_key_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contact_attempts_customer_idx` ON `contact_attempts` (`tenant_id`,`customer_id`,`at`);