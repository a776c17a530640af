-- Travel between a plan's places as the tenant's TravelTimes measured it (a routing engine's table, or
-- the straight-line model): kept per plan, so a redelivered solve and the day's re-plans ask the
-- engine only for places it has not measured yet.
CREATE TABLE `travel_matrices` (
	`tenant_id` text NOT NULL,
	`plan_id` text NOT NULL,
	`source` text NOT NULL,
	`points` text NOT NULL,
	`meters` text NOT NULL,
	`seconds` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `plan_id`)
);
