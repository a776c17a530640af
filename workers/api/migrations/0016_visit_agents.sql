CREATE TABLE `visit_agents` (
	`tenant_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`visit_id` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `agent_id`, `visit_id`)
);
--> statement-breakpoint
-- Hand-written below: the rows come from visits.agent_ids (a JSON array that includes the lead), kept in
-- step by triggers so no write path can forget them.
INSERT OR IGNORE INTO `visit_agents` (`tenant_id`, `agent_id`, `visit_id`)
  SELECT v.`tenant_id`, j.value, v.`id` FROM `visits` v, json_each(v.`agent_ids`) j;
--> statement-breakpoint
CREATE TRIGGER `visit_agents_on_insert` AFTER INSERT ON `visits`
BEGIN
  INSERT OR IGNORE INTO `visit_agents` (`tenant_id`, `agent_id`, `visit_id`)
    SELECT NEW.`tenant_id`, j.value, NEW.`id` FROM json_each(NEW.`agent_ids`) j;
END;
--> statement-breakpoint
CREATE TRIGGER `visit_agents_on_update` AFTER UPDATE OF `agent_ids` ON `visits`
BEGIN
  DELETE FROM `visit_agents`
    WHERE `tenant_id` = OLD.`tenant_id` AND `visit_id` = OLD.`id`
      AND `agent_id` IN (SELECT value FROM json_each(OLD.`agent_ids`))
      AND `agent_id` NOT IN (SELECT value FROM json_each(NEW.`agent_ids`));
  INSERT OR IGNORE INTO `visit_agents` (`tenant_id`, `agent_id`, `visit_id`)
    SELECT NEW.`tenant_id`, j.value, NEW.`id` FROM json_each(NEW.`agent_ids`) j;
END;
