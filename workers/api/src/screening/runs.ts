import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { policySets, screeningRuns, tenants } from '../db/schema';

export type ScreeningRunRow = typeof screeningRuns.$inferSelect;

export function findRun(db: Database, tenantId: string, runId: string) {
  return db
    .select()
    .from(screeningRuns)
    .where(and(eq(screeningRuns.tenantId, tenantId), eq(screeningRuns.id, runId)))
    .get();
}

/** A run, its tenant and the policy set version it started with (absent for the built-in default), in one query. */
export function findRunContext(db: Database, tenantId: string, runId: string) {
  return db
    .select({ run: screeningRuns, tenant: tenants, policy: policySets })
    .from(screeningRuns)
    .innerJoin(tenants, eq(tenants.id, screeningRuns.tenantId))
    .leftJoin(
      policySets,
      and(
        eq(policySets.tenantId, screeningRuns.tenantId),
        eq(policySets.version, screeningRuns.policyVersion),
      ),
    )
    .where(and(eq(screeningRuns.tenantId, tenantId), eq(screeningRuns.id, runId)))
    .get();
}

/** The tenant and its active policy set row (absent → built-in defaults), in one query. */
export function findTenantPolicy(db: Database, tenantId: string) {
  return db
    .select({ tenant: tenants, policy: policySets })
    .from(tenants)
    .leftJoin(policySets, and(eq(policySets.tenantId, tenants.id), eq(policySets.active, true)))
    .where(eq(tenants.id, tenantId))
    .get();
}
