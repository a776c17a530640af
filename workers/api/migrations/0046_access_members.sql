-- People who reach the console (and the API) through Cloudflare Access: the identity's e-mail, as Access
-- signs it, mapped to a tenant and a Doorstep role. One tenant per person per deployment; revoked rows stay
-- for the audit trail.
CREATE TABLE `access_members` (
	`email` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`role` text NOT NULL,
	`agency_id` text,
	`agent_id` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `access_members_tenant_idx` ON `access_members` (`tenant_id`);
