-- Which stored policy set made a decision, and under which experiment arm (null: made before this
-- was recorded, or by no policy). JSON: {"policyVersion":2,"set":"2026-q1-challenger","experimentId":"exp_…","arm":"challenger"}.
ALTER TABLE `screening_decisions` ADD `decided_by` text;
--> statement-breakpoint
ALTER TABLE `repayment_plans` ADD `decided_by` text;
--> statement-breakpoint
ALTER TABLE `follow_up_timers` ADD `decided_by` text;
