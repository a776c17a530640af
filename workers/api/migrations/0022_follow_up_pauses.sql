-- Hardship pauses the follow-up policy starts from a visit outcome: compliance reads them like a flag
-- (only supportive follow-ups and contact until `ends_at`). One per outcome, kept after they end.
CREATE TABLE `follow_up_pauses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`case_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`reasons` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `follow_up_pauses_customer_idx` ON `follow_up_pauses` (`tenant_id`,`customer_id`,`ends_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_up_pauses_visit_uq` ON `follow_up_pauses` (`tenant_id`,`visit_id`);
