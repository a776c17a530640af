-- A day in the field: the planner forms teams from agents' seniority and territories (regions, or
-- areas drawn as polygons), visits can be called off with a reason from the catalogue, and each
-- planned visit's dossier is prepared after the solve in chunks (`prepared_at` marks the done ones).
ALTER TABLE `agents` ADD `seniority` text DEFAULT 'junior' NOT NULL;
--> statement-breakpoint
ALTER TABLE `agents` ADD `territory_areas` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
ALTER TABLE `visits` ADD `prepared_at` integer;
--> statement-breakpoint
ALTER TABLE `visits` ADD `cancel_reason` text;
--> statement-breakpoint
ALTER TABLE `visits` ADD `cancel_note` text;
--> statement-breakpoint
ALTER TABLE `visits` ADD `customer_notified` integer;
--> statement-breakpoint
ALTER TABLE `visits` ADD `cancelled_at` integer;
--> statement-breakpoint
-- The preparation chunks walk a plan's visits still to prepare in id order, and the cron finds plans
-- whose preparation stalled, without scanning the plans: only planned, unprepared visits are indexed.
CREATE INDEX `visits_unprepared_idx` ON `visits` (`tenant_id`,`plan_id`,`id`) WHERE "visits"."prepared_at" IS NULL AND "visits"."status" = 'planned';
