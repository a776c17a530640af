ALTER TABLE `intake_batches` ADD `progressed_at` integer;--> statement-breakpoint
ALTER TABLE `intake_batches` ADD `nudged_at` integer;--> statement-breakpoint
CREATE INDEX `intake_batches_open_idx` ON `intake_batches` (`created_at`) WHERE "intake_batches"."status" in ('queued', 'processing');
