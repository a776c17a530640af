-- Hand-written: a deleted visit (no path deletes one today) must not leave its agents able to see it.
CREATE TRIGGER `visit_agents_on_delete` AFTER DELETE ON `visits`
BEGIN
  DELETE FROM `visit_agents`
    WHERE `tenant_id` = OLD.`tenant_id` AND `visit_id` = OLD.`id`
      AND `agent_id` IN (SELECT value FROM json_each(OLD.`agent_ids`));
END;
