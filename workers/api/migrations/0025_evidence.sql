-- Photos, signed plan acknowledgements and receipts of a visit, stored in R2 (`EVIDENCE`): the row is
-- announced (`pending`) with the media type, size and SHA-256 the app claims, becomes `stored` once
-- the bytes arrived and matched, and `erased` when the case's retention ends.
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`kind` text NOT NULL,
	`media_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`object_key` text NOT NULL,
	`status` text NOT NULL,
	`created_by_key_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`stored_at` integer,
	`erased_at` integer
);
--> statement-breakpoint
CREATE INDEX `evidence_visit_idx` ON `evidence` (`tenant_id`,`visit_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `evidence_case_idx` ON `evidence` (`tenant_id`,`case_id`);
