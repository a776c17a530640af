-- Check-in a supervisor can trust: the server's receipt time beside the device's, the distance from
-- the customer's address, and the flags the check-in rules raised (`location.far`).
ALTER TABLE `visits` ADD `check_in_received_at` integer;
--> statement-breakpoint
ALTER TABLE `visits` ADD `check_in_distance_m` integer;
--> statement-breakpoint
ALTER TABLE `visits` ADD `check_in_flags` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
-- Copied onto the outcome so the far-check-in KPI groups by local day like the other visit KPIs;
-- null where the visit had no check-in or the address no coordinates.
ALTER TABLE `visit_outcomes` ADD `check_in_far` integer;
--> statement-breakpoint
-- Promises made outside a visit (a call, a letter) say how; rows made at a visit are `visit`.
ALTER TABLE `promises` ADD `channel` text DEFAULT 'visit' NOT NULL;
--> statement-breakpoint
ALTER TABLE `promises` ADD `recorded_by_key_id` text;
--> statement-breakpoint
CREATE INDEX `outcomes_check_in_idx` ON `visit_outcomes` (`tenant_id`,`local_date`,`check_in_far`,`agent_id`,`region_id`,`agency_id`,`bucket`);
