-- Activity rollups (issue #20): visit outcomes, agent-days and promises pre-aggregated per tenant, day,
-- ISO-ish week (`%Y-W%W`, as reports label weeks) and month, so a report reads a few thousand rows instead
-- of a million. Triggers on the raw tables keep them exact on every write, whichever code path writes; a
-- rebuild job (workers/api/src/reports/rollups) recomputes a tenant's days from the raw rows.
--
-- A row keeps some dimensions and folds the others into '*': `dims` names the kept ones (r region,
-- a agency, g agent, b bucket). Region, agency and bucket together stay small (≤ 10 × 2 × 7 per day in the
-- benchmark), so one set keeps all three; agents are many, so each mix with an agent has its own set and
-- a report by agent never reads the other dimensions' cross product.
CREATE TABLE `outcome_rollups` (
	`tenant_id` text NOT NULL,
	`dims` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`region_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`bucket` text NOT NULL,
	`visits` integer NOT NULL,
	`right_party` integer NOT NULL,
	`s1` integer NOT NULL,
	`s2` integer NOT NULL,
	`s3` integer NOT NULL,
	`s4` integer NOT NULL,
	`s5` integer NOT NULL,
	`measured` integer NOT NULL,
	`far` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
-- One row per (agent, day) and per region/agency mix it worked in: agent-days are a distinct count, so
-- the rollups below learn from here whether an outcome opened a new agent-day in its group.
CREATE TABLE `agent_day_facts` (
	`tenant_id` text NOT NULL,
	`dims` text NOT NULL,
	`agent_id` text NOT NULL,
	`local_date` text NOT NULL,
	`region_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`visits` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `dims`, `local_date`, `agent_id`, `region_id`, `agency_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `agent_day_rollups` (
	`tenant_id` text NOT NULL,
	`dims` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`region_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`agent_days` integer NOT NULL,
	`visits` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The region, agency and bucket of a promise's case when the promise was made, frozen so that a later
-- status change (kept, broken) is counted in the same group its promise was.
CREATE TABLE `promise_report_facts` (
	`tenant_id` text NOT NULL,
	`promise_id` text NOT NULL,
	`due_date` text NOT NULL,
	`region_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`bucket` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `promise_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `promise_report_facts_due_idx` ON `promise_report_facts` (`tenant_id`,`due_date`);
--> statement-breakpoint
CREATE TABLE `promise_rollups` (
	`tenant_id` text NOT NULL,
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`region_id` text NOT NULL,
	`agency_id` text NOT NULL,
	`bucket` text NOT NULL,
	`due` integer NOT NULL,
	`kept` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
-- What the chunked cohort job seeks per account: the latest snapshot on or before a date, the first cure
-- after it, a case's outcomes; and what the promise rebuild reads per day.
CREATE INDEX `snapshots_as_of_idx` ON `delinquency_snapshots` (`tenant_id`,`account_id`,`as_of`,`sequence`);
--> statement-breakpoint
CREATE INDEX `snapshots_cured_idx` ON `delinquency_snapshots` (`tenant_id`,`account_id`,`as_of`) WHERE `dpd` = 0;
--> statement-breakpoint
CREATE INDEX `outcomes_case_idx` ON `visit_outcomes` (`tenant_id`,`case_id`,`local_date`);
--> statement-breakpoint
CREATE INDEX `promises_date_idx` ON `promises` (`tenant_id`,`promised_date`);
--> statement-breakpoint
-- Adding an outcome adds it to every set and grain (24 rows) and, with an agent, to its agent-days (24
-- rows and 4 facts): about 1 ms of D1 time, measured by `pnpm bench:reports`. Visits, right-party contacts,
-- scores and far check-ins: the measures of the outcome KPIs (docs/kpis.md).
CREATE TRIGGER `visit_outcomes_rollup_on_insert` AFTER INSERT ON `visit_outcomes`
BEGIN
  INSERT INTO `outcome_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`, `visits`, `right_party`, `s1`, `s2`, `s3`, `s4`, `s5`, `measured`, `far`)
    SELECT NEW.`tenant_id`, d.column1, g.column1, CASE g.column1 WHEN 'd' THEN NEW.`local_date` WHEN 'w' THEN strftime('%Y-W%W', NEW.`local_date`) ELSE substr(NEW.`local_date`, 1, 7) END,
      CASE WHEN instr(d.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'g') THEN COALESCE(NEW.`agent_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'b') THEN NEW.`bucket` ELSE '*' END,
      1, (NEW.`contact_result` = 'customer_met'), (NEW.`satisfaction` IS 1), (NEW.`satisfaction` IS 2),
      (NEW.`satisfaction` IS 3), (NEW.`satisfaction` IS 4), (NEW.`satisfaction` IS 5),
      (NEW.`check_in_far` IS NOT NULL), (NEW.`check_in_far` IS 1)
    FROM (VALUES ('rab'), ('g'), ('gr'), ('ga'), ('gb'), ('gra'), ('grb'), ('gab')) d, (VALUES ('d'), ('w'), ('m')) g
    WHERE true
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`) DO UPDATE SET
      `visits` = `visits` + excluded.`visits`, `right_party` = `right_party` + excluded.`right_party`,
      `s1` = `s1` + excluded.`s1`, `s2` = `s2` + excluded.`s2`, `s3` = `s3` + excluded.`s3`,
      `s4` = `s4` + excluded.`s4`, `s5` = `s5` + excluded.`s5`,
      `measured` = `measured` + excluded.`measured`, `far` = `far` + excluded.`far`;
  INSERT INTO `agent_day_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `agent_days`, `visits`)
    SELECT NEW.`tenant_id`, v.column1 || f.column1, g.column1, CASE g.column1 WHEN 'd' THEN NEW.`local_date` WHEN 'w' THEN strftime('%Y-W%W', NEW.`local_date`) ELSE substr(NEW.`local_date`, 1, 7) END,
      CASE WHEN instr(f.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END, CASE WHEN instr(f.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN v.column1 = 'g' THEN NEW.`agent_id` ELSE '*' END,
      NOT EXISTS (SELECT 1 FROM `agent_day_facts` x WHERE x.`tenant_id` = NEW.`tenant_id` AND x.`dims` = f.column1 AND x.`agent_id` = NEW.`agent_id`
          AND x.`local_date` = NEW.`local_date` AND x.`region_id` = CASE WHEN instr(f.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END
          AND x.`agency_id` = CASE WHEN instr(f.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END), 1
    FROM (VALUES (''), ('r'), ('a'), ('ra')) f, (VALUES (''), ('g')) v, (VALUES ('d'), ('w'), ('m')) g
    WHERE NEW.`agent_id` IS NOT NULL
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`) DO UPDATE SET
      `agent_days` = `agent_days` + excluded.`agent_days`, `visits` = `visits` + excluded.`visits`;
  INSERT INTO `agent_day_facts` (`tenant_id`, `dims`, `agent_id`, `local_date`, `region_id`, `agency_id`, `visits`)
    SELECT NEW.`tenant_id`, f.column1, NEW.`agent_id`, NEW.`local_date`, CASE WHEN instr(f.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END, CASE WHEN instr(f.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END, 1
    FROM (VALUES (''), ('r'), ('a'), ('ra')) f
    WHERE NEW.`agent_id` IS NOT NULL
    ON CONFLICT (`tenant_id`, `dims`, `local_date`, `agent_id`, `region_id`, `agency_id`) DO UPDATE SET `visits` = `visits` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `visit_outcomes_rollup_on_delete` AFTER DELETE ON `visit_outcomes`
BEGIN
  INSERT INTO `outcome_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`, `visits`, `right_party`, `s1`, `s2`, `s3`, `s4`, `s5`, `measured`, `far`)
    SELECT OLD.`tenant_id`, d.column1, g.column1, CASE g.column1 WHEN 'd' THEN OLD.`local_date` WHEN 'w' THEN strftime('%Y-W%W', OLD.`local_date`) ELSE substr(OLD.`local_date`, 1, 7) END,
      CASE WHEN instr(d.column1, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'g') THEN COALESCE(OLD.`agent_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'b') THEN OLD.`bucket` ELSE '*' END,
      -1, -(OLD.`contact_result` = 'customer_met'), -(OLD.`satisfaction` IS 1), -(OLD.`satisfaction` IS 2),
      -(OLD.`satisfaction` IS 3), -(OLD.`satisfaction` IS 4), -(OLD.`satisfaction` IS 5),
      -(OLD.`check_in_far` IS NOT NULL), -(OLD.`check_in_far` IS 1)
    FROM (VALUES ('rab'), ('g'), ('gr'), ('ga'), ('gb'), ('gra'), ('grb'), ('gab')) d, (VALUES ('d'), ('w'), ('m')) g
    WHERE true
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`) DO UPDATE SET
      `visits` = `visits` + excluded.`visits`, `right_party` = `right_party` + excluded.`right_party`,
      `s1` = `s1` + excluded.`s1`, `s2` = `s2` + excluded.`s2`, `s3` = `s3` + excluded.`s3`,
      `s4` = `s4` + excluded.`s4`, `s5` = `s5` + excluded.`s5`,
      `measured` = `measured` + excluded.`measured`, `far` = `far` + excluded.`far`;
  INSERT INTO `agent_day_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `agent_days`, `visits`)
    SELECT OLD.`tenant_id`, v.column1 || f.column1, g.column1, CASE g.column1 WHEN 'd' THEN OLD.`local_date` WHEN 'w' THEN strftime('%Y-W%W', OLD.`local_date`) ELSE substr(OLD.`local_date`, 1, 7) END,
      CASE WHEN instr(f.column1, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END, CASE WHEN instr(f.column1, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN v.column1 = 'g' THEN OLD.`agent_id` ELSE '*' END,
      -EXISTS (SELECT 1 FROM `agent_day_facts` x WHERE x.`tenant_id` = OLD.`tenant_id` AND x.`dims` = f.column1 AND x.`agent_id` = OLD.`agent_id`
          AND x.`local_date` = OLD.`local_date` AND x.`region_id` = CASE WHEN instr(f.column1, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END
          AND x.`agency_id` = CASE WHEN instr(f.column1, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END AND x.`visits` = 1), -1
    FROM (VALUES (''), ('r'), ('a'), ('ra')) f, (VALUES (''), ('g')) v, (VALUES ('d'), ('w'), ('m')) g
    WHERE OLD.`agent_id` IS NOT NULL
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`) DO UPDATE SET
      `agent_days` = `agent_days` + excluded.`agent_days`, `visits` = `visits` + excluded.`visits`;
  UPDATE `agent_day_facts` SET `visits` = `visits` - 1
    WHERE `tenant_id` = OLD.`tenant_id` AND `agent_id` = OLD.`agent_id` AND `local_date` = OLD.`local_date`
      AND `dims` IN ('', 'r', 'a', 'ra')
      AND `region_id` = CASE WHEN instr(`dims`, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END
      AND `agency_id` = CASE WHEN instr(`dims`, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END;
  DELETE FROM `agent_day_facts`
    WHERE `tenant_id` = OLD.`tenant_id` AND `agent_id` = OLD.`agent_id` AND `local_date` = OLD.`local_date`
      AND `dims` IN ('', 'r', 'a', 'ra')
      AND `region_id` = CASE WHEN instr(`dims`, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END
      AND `agency_id` = CASE WHEN instr(`dims`, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END AND `visits` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `visit_outcomes_rollup_on_update` AFTER UPDATE OF `tenant_id`, `local_date`, `region_id`, `agency_id`, `agent_id`, `bucket`, `contact_result`, `satisfaction`, `check_in_far` ON `visit_outcomes`
BEGIN
  INSERT INTO `outcome_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`, `visits`, `right_party`, `s1`, `s2`, `s3`, `s4`, `s5`, `measured`, `far`)
    SELECT OLD.`tenant_id`, d.column1, g.column1, CASE g.column1 WHEN 'd' THEN OLD.`local_date` WHEN 'w' THEN strftime('%Y-W%W', OLD.`local_date`) ELSE substr(OLD.`local_date`, 1, 7) END,
      CASE WHEN instr(d.column1, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'g') THEN COALESCE(OLD.`agent_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'b') THEN OLD.`bucket` ELSE '*' END,
      -1, -(OLD.`contact_result` = 'customer_met'), -(OLD.`satisfaction` IS 1), -(OLD.`satisfaction` IS 2),
      -(OLD.`satisfaction` IS 3), -(OLD.`satisfaction` IS 4), -(OLD.`satisfaction` IS 5),
      -(OLD.`check_in_far` IS NOT NULL), -(OLD.`check_in_far` IS 1)
    FROM (VALUES ('rab'), ('g'), ('gr'), ('ga'), ('gb'), ('gra'), ('grb'), ('gab')) d, (VALUES ('d'), ('w'), ('m')) g
    WHERE true
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`) DO UPDATE SET
      `visits` = `visits` + excluded.`visits`, `right_party` = `right_party` + excluded.`right_party`,
      `s1` = `s1` + excluded.`s1`, `s2` = `s2` + excluded.`s2`, `s3` = `s3` + excluded.`s3`,
      `s4` = `s4` + excluded.`s4`, `s5` = `s5` + excluded.`s5`,
      `measured` = `measured` + excluded.`measured`, `far` = `far` + excluded.`far`;
  INSERT INTO `agent_day_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `agent_days`, `visits`)
    SELECT OLD.`tenant_id`, v.column1 || f.column1, g.column1, CASE g.column1 WHEN 'd' THEN OLD.`local_date` WHEN 'w' THEN strftime('%Y-W%W', OLD.`local_date`) ELSE substr(OLD.`local_date`, 1, 7) END,
      CASE WHEN instr(f.column1, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END, CASE WHEN instr(f.column1, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN v.column1 = 'g' THEN OLD.`agent_id` ELSE '*' END,
      -EXISTS (SELECT 1 FROM `agent_day_facts` x WHERE x.`tenant_id` = OLD.`tenant_id` AND x.`dims` = f.column1 AND x.`agent_id` = OLD.`agent_id`
          AND x.`local_date` = OLD.`local_date` AND x.`region_id` = CASE WHEN instr(f.column1, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END
          AND x.`agency_id` = CASE WHEN instr(f.column1, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END AND x.`visits` = 1), -1
    FROM (VALUES (''), ('r'), ('a'), ('ra')) f, (VALUES (''), ('g')) v, (VALUES ('d'), ('w'), ('m')) g
    WHERE OLD.`agent_id` IS NOT NULL
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`) DO UPDATE SET
      `agent_days` = `agent_days` + excluded.`agent_days`, `visits` = `visits` + excluded.`visits`;
  UPDATE `agent_day_facts` SET `visits` = `visits` - 1
    WHERE `tenant_id` = OLD.`tenant_id` AND `agent_id` = OLD.`agent_id` AND `local_date` = OLD.`local_date`
      AND `dims` IN ('', 'r', 'a', 'ra')
      AND `region_id` = CASE WHEN instr(`dims`, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END
      AND `agency_id` = CASE WHEN instr(`dims`, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END;
  DELETE FROM `agent_day_facts`
    WHERE `tenant_id` = OLD.`tenant_id` AND `agent_id` = OLD.`agent_id` AND `local_date` = OLD.`local_date`
      AND `dims` IN ('', 'r', 'a', 'ra')
      AND `region_id` = CASE WHEN instr(`dims`, 'r') THEN COALESCE(OLD.`region_id`, '(none)') ELSE '*' END
      AND `agency_id` = CASE WHEN instr(`dims`, 'a') THEN COALESCE(OLD.`agency_id`, '(none)') ELSE '*' END AND `visits` = 0;
  INSERT INTO `outcome_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`, `visits`, `right_party`, `s1`, `s2`, `s3`, `s4`, `s5`, `measured`, `far`)
    SELECT NEW.`tenant_id`, d.column1, g.column1, CASE g.column1 WHEN 'd' THEN NEW.`local_date` WHEN 'w' THEN strftime('%Y-W%W', NEW.`local_date`) ELSE substr(NEW.`local_date`, 1, 7) END,
      CASE WHEN instr(d.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'g') THEN COALESCE(NEW.`agent_id`, '(none)') ELSE '*' END,
      CASE WHEN instr(d.column1, 'b') THEN NEW.`bucket` ELSE '*' END,
      1, (NEW.`contact_result` = 'customer_met'), (NEW.`satisfaction` IS 1), (NEW.`satisfaction` IS 2),
      (NEW.`satisfaction` IS 3), (NEW.`satisfaction` IS 4), (NEW.`satisfaction` IS 5),
      (NEW.`check_in_far` IS NOT NULL), (NEW.`check_in_far` IS 1)
    FROM (VALUES ('rab'), ('g'), ('gr'), ('ga'), ('gb'), ('gra'), ('grb'), ('gab')) d, (VALUES ('d'), ('w'), ('m')) g
    WHERE true
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `bucket`) DO UPDATE SET
      `visits` = `visits` + excluded.`visits`, `right_party` = `right_party` + excluded.`right_party`,
      `s1` = `s1` + excluded.`s1`, `s2` = `s2` + excluded.`s2`, `s3` = `s3` + excluded.`s3`,
      `s4` = `s4` + excluded.`s4`, `s5` = `s5` + excluded.`s5`,
      `measured` = `measured` + excluded.`measured`, `far` = `far` + excluded.`far`;
  INSERT INTO `agent_day_rollups` (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`, `agent_days`, `visits`)
    SELECT NEW.`tenant_id`, v.column1 || f.column1, g.column1, CASE g.column1 WHEN 'd' THEN NEW.`local_date` WHEN 'w' THEN strftime('%Y-W%W', NEW.`local_date`) ELSE substr(NEW.`local_date`, 1, 7) END,
      CASE WHEN instr(f.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END, CASE WHEN instr(f.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END,
      CASE WHEN v.column1 = 'g' THEN NEW.`agent_id` ELSE '*' END,
      NOT EXISTS (SELECT 1 FROM `agent_day_facts` x WHERE x.`tenant_id` = NEW.`tenant_id` AND x.`dims` = f.column1 AND x.`agent_id` = NEW.`agent_id`
          AND x.`local_date` = NEW.`local_date` AND x.`region_id` = CASE WHEN instr(f.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END
          AND x.`agency_id` = CASE WHEN instr(f.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END), 1
    FROM (VALUES (''), ('r'), ('a'), ('ra')) f, (VALUES (''), ('g')) v, (VALUES ('d'), ('w'), ('m')) g
    WHERE NEW.`agent_id` IS NOT NULL
    ON CONFLICT (`tenant_id`, `dims`, `grain`, `period`, `region_id`, `agency_id`, `agent_id`) DO UPDATE SET
      `agent_days` = `agent_days` + excluded.`agent_days`, `visits` = `visits` + excluded.`visits`;
  INSERT INTO `agent_day_facts` (`tenant_id`, `dims`, `agent_id`, `local_date`, `region_id`, `agency_id`, `visits`)
    SELECT NEW.`tenant_id`, f.column1, NEW.`agent_id`, NEW.`local_date`, CASE WHEN instr(f.column1, 'r') THEN COALESCE(NEW.`region_id`, '(none)') ELSE '*' END, CASE WHEN instr(f.column1, 'a') THEN COALESCE(NEW.`agency_id`, '(none)') ELSE '*' END, 1
    FROM (VALUES (''), ('r'), ('a'), ('ra')) f
    WHERE NEW.`agent_id` IS NOT NULL
    ON CONFLICT (`tenant_id`, `dims`, `local_date`, `agent_id`, `region_id`, `agency_id`) DO UPDATE SET `visits` = `visits` + 1;
END;
--> statement-breakpoint
-- A promise is due on its promised date and kept when the follow-up engine marks it so; cancelled ones
-- are not due. It counts in the region, agency and bucket its case had when it was made.
CREATE TRIGGER `promises_rollup_on_insert` AFTER INSERT ON `promises`
BEGIN
  INSERT INTO `promise_report_facts` (`tenant_id`, `promise_id`, `due_date`, `region_id`, `agency_id`, `bucket`)
    SELECT NEW.`tenant_id`, NEW.`id`, NEW.`promised_date`, COALESCE(k.`region_id`, '(none)'),
      COALESCE(k.`agency_id`, '(none)'), k.`bucket`
    FROM `cases` k WHERE k.`id` = NEW.`case_id` AND k.`tenant_id` = NEW.`tenant_id`
    ON CONFLICT DO NOTHING;
  INSERT INTO `promise_rollups` (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`, `due`, `kept`)
    SELECT f.`tenant_id`, g.column1, CASE g.column1 WHEN 'd' THEN f.`due_date` WHEN 'w' THEN strftime('%Y-W%W', f.`due_date`) ELSE substr(f.`due_date`, 1, 7) END, f.`region_id`, f.`agency_id`, f.`bucket`,
      (NEW.`status` <> 'cancelled'), (NEW.`status` = 'kept')
    FROM `promise_report_facts` f, (VALUES ('d'), ('w'), ('m')) g
    WHERE f.`tenant_id` = NEW.`tenant_id` AND f.`promise_id` = NEW.`id`
    ON CONFLICT (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`) DO UPDATE SET
      `due` = `due` + excluded.`due`, `kept` = `kept` + excluded.`kept`;
END;
--> statement-breakpoint
CREATE TRIGGER `promises_rollup_on_update` AFTER UPDATE OF `status`, `promised_date` ON `promises`
BEGIN
  INSERT INTO `promise_rollups` (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`, `due`, `kept`)
    SELECT f.`tenant_id`, g.column1, CASE g.column1 WHEN 'd' THEN f.`due_date` WHEN 'w' THEN strftime('%Y-W%W', f.`due_date`) ELSE substr(f.`due_date`, 1, 7) END, f.`region_id`, f.`agency_id`, f.`bucket`,
      -(OLD.`status` <> 'cancelled'), -(OLD.`status` = 'kept')
    FROM `promise_report_facts` f, (VALUES ('d'), ('w'), ('m')) g
    WHERE f.`tenant_id` = OLD.`tenant_id` AND f.`promise_id` = OLD.`id`
    ON CONFLICT (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`) DO UPDATE SET
      `due` = `due` + excluded.`due`, `kept` = `kept` + excluded.`kept`;
  UPDATE `promise_report_facts` SET `due_date` = NEW.`promised_date`
    WHERE `tenant_id` = NEW.`tenant_id` AND `promise_id` = NEW.`id`;
  INSERT INTO `promise_rollups` (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`, `due`, `kept`)
    SELECT f.`tenant_id`, g.column1, CASE g.column1 WHEN 'd' THEN f.`due_date` WHEN 'w' THEN strftime('%Y-W%W', f.`due_date`) ELSE substr(f.`due_date`, 1, 7) END, f.`region_id`, f.`agency_id`, f.`bucket`,
      (NEW.`status` <> 'cancelled'), (NEW.`status` = 'kept')
    FROM `promise_report_facts` f, (VALUES ('d'), ('w'), ('m')) g
    WHERE f.`tenant_id` = NEW.`tenant_id` AND f.`promise_id` = NEW.`id`
    ON CONFLICT (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`) DO UPDATE SET
      `due` = `due` + excluded.`due`, `kept` = `kept` + excluded.`kept`;
END;
--> statement-breakpoint
CREATE TRIGGER `promises_rollup_on_delete` AFTER DELETE ON `promises`
BEGIN
  INSERT INTO `promise_rollups` (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`, `due`, `kept`)
    SELECT f.`tenant_id`, g.column1, CASE g.column1 WHEN 'd' THEN f.`due_date` WHEN 'w' THEN strftime('%Y-W%W', f.`due_date`) ELSE substr(f.`due_date`, 1, 7) END, f.`region_id`, f.`agency_id`, f.`bucket`,
      -(OLD.`status` <> 'cancelled'), -(OLD.`status` = 'kept')
    FROM `promise_report_facts` f, (VALUES ('d'), ('w'), ('m')) g
    WHERE f.`tenant_id` = OLD.`tenant_id` AND f.`promise_id` = OLD.`id`
    ON CONFLICT (`tenant_id`, `grain`, `period`, `region_id`, `agency_id`, `bucket`) DO UPDATE SET
      `due` = `due` + excluded.`due`, `kept` = `kept` + excluded.`kept`;
  DELETE FROM `promise_report_facts` WHERE `tenant_id` = OLD.`tenant_id` AND `promise_id` = OLD.`id`;
END;
