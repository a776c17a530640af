-- The daily retention run forgets idempotency records past their replay window (7 days) per tenant, oldest
-- first: without this index the DELETE would read every record the tenant ever stored.
CREATE INDEX `idempotency_keys_expiry_idx` ON `idempotency_keys` (`tenant_id`,`created_at`);
