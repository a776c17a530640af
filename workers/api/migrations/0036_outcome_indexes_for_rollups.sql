-- Reports read outcomes from the rollups now (0034); the raw rows are read by day only by the rollup
-- rebuild, which needs every measure of a day's outcomes. One covering index serves it, with the far
-- check-in flag added; the check-in index the far-check-in report read goes, one index less per outcome.
DROP INDEX IF EXISTS `outcomes_check_in_idx`;
--> statement-breakpoint
DROP INDEX IF EXISTS `outcomes_report_idx`;
--> statement-breakpoint
CREATE INDEX `outcomes_report_idx` ON `visit_outcomes` (`tenant_id`,`local_date`,`agent_id`,`region_id`,`agency_id`,`bucket`,`contact_result`,`satisfaction`,`check_in_far`,`case_id`);
