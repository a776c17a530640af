-- Many databases (docs/scaling.md). Every D1 binding named in `SHARDS` gets every migration, so these
-- tables exist in each; the `directory_*` ones are used only in the directory database (the first
-- shard), `shard_fences` in every shard.

-- Which shard holds a tenant's rows, and whether it is moving. A tenant without a row lives in the
-- directory database, where every tenant lived before there were shards.
CREATE TABLE `directory_tenants` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`shard` text NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "directory_tenants_state" CHECK(`state` IN ('active', 'moving', 'replaying'))
);
--> statement-breakpoint
-- An API key's hash names its tenant, so authentication finds the tenant's shard before it reads the key
-- there. Keys never move: a tenant moved to another shard keeps them.
CREATE TABLE `directory_keys` (
	`key_hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL
);
--> statement-breakpoint
INSERT OR IGNORE INTO `directory_keys` (`key_hash`, `tenant_id`) SELECT `key_hash`, `tenant_id` FROM `api_keys`;
--> statement-breakpoint
-- A tenant's move to another shard: requested by scripts/admin/move-tenant.ts, run by the cron and the
-- queue (copy, verify counts and checksums, switch, replay held intake, clean up). One open per tenant.
CREATE TABLE `directory_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`from_shard` text NOT NULL,
	`to_shard` text NOT NULL,
	`status` text NOT NULL,
	`drain_ms` integer NOT NULL,
	`report` text DEFAULT '{}' NOT NULL,
	`error` text,
	`requested_at` integer NOT NULL,
	`phase_at` integer,
	`progressed_at` integer,
	`lease_until` integer,
	`completed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directory_moves_open_uq` ON `directory_moves` (`tenant_id`) WHERE `status` NOT IN ('done', 'failed');
--> statement-breakpoint
-- Signed intake deliveries for a tenant that is moving, held in arrival order (rowid) and replayed on
-- its new shard; the sender got 202.
CREATE TABLE `directory_intake_hold` (
	`tenant_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`body` text NOT NULL,
	`body_hash` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `webhook_id`)
);
--> statement-breakpoint
-- Per shard: tenants whose rows here a move is copying away (source) or in (target). Triggers the move
-- installs refuse every write to a frozen tenant's rows; the move's own batches open the fence for
-- their length only. The target's copy cursor and the source's tallies ride in the same batches as the
-- rows they count, so a repeated step neither skips nor doubles a page.
CREATE TABLE `shard_fences` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`move_id` text NOT NULL,
	`role` text NOT NULL,
	`phase` text NOT NULL,
	`cursor` text,
	`tallies` text DEFAULT '{}' NOT NULL,
	`since` integer NOT NULL,
	CONSTRAINT "shard_fences_role" CHECK(`role` IN ('source', 'target')),
	CONSTRAINT "shard_fences_phase" CHECK(`phase` IN ('frozen', 'open'))
);
