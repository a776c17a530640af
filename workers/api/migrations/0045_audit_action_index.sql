-- The console's compliance page lists vetoes and overrides: the audit trail filtered by action, newest first.
CREATE INDEX `audit_action_idx` ON `audit_log` (`tenant_id`,`action`,`at`,`id`);
