-- Written by hand: drizzle-kit 0.31 quotes an expression index's SQL as if it were column names.
CREATE INDEX `dead_letters_tenant_idx` ON `dead_letters` (json_extract(`body`, '$.tenantId'),`recorded_at`,`id`);
