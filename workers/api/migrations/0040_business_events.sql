-- Events back to core banking (issue #17): an outbound event may concern no single case (a published
-- visit plan), carries the schema version of its type, and a fact is announced once per tenant
-- (`dedupe_key`, e.g. `visit.checked_in:vis_…`), however often the write that makes it true runs.
-- SQLite cannot drop a NOT NULL, so the table is rebuilt with its rows and indexes.
CREATE TABLE `outbound_events_new` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text,
	`type` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`source_id` text NOT NULL,
	`data` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`dedupe_key` text
);
--> statement-breakpoint
INSERT INTO `outbound_events_new` (`id`, `tenant_id`, `case_id`, `type`, `source_id`, `data`, `occurred_at`)
SELECT `id`, `tenant_id`, `case_id`, `type`, `source_id`, `data`, `occurred_at` FROM `outbound_events`;
--> statement-breakpoint
DROP TABLE `outbound_events`;
--> statement-breakpoint
ALTER TABLE `outbound_events_new` RENAME TO `outbound_events`;
--> statement-breakpoint
CREATE INDEX `events_tenant_time_idx` ON `outbound_events` (`tenant_id`,`occurred_at`);
--> statement-breakpoint
CREATE INDEX `events_source_idx` ON `outbound_events` (`tenant_id`,`source_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_dedupe_uq` ON `outbound_events` (`tenant_id`,`dedupe_key`) WHERE `dedupe_key` IS NOT NULL;
