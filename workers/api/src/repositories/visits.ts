import { and, asc, eq, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases, policySets, tenants, visitOutcomes, visitPlans, visits } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { visitScope } from './scope';

export type VisitRow = typeof visits.$inferSelect;
export type OutcomeRow = typeof visitOutcomes.$inferSelect;

/** The sort key of a visit in lists: window start (unscheduled first) then id, ascending. */
export type VisitKey = [windowStart: number | null, id: string];

export interface VisitFilter {
  agentId?: string;
  status?: VisitRow['status'];
  from?: number;
  to?: number;
}

function after([windowStart, id]: VisitKey): SQL | undefined {
  if (windowStart === null)
    return or(
      sql`${visits.windowStart} IS NULL AND ${visits.id} > ${id}`,
      sql`${visits.windowStart} IS NOT NULL`,
    );
  return sql`(${visits.windowStart}, ${visits.id}) > (${windowStart}, ${id})`;
}

/** Keyset over `visits_tenant_window_idx` (or the agent/status indexes when those filters are given). */
export function listVisits(
  db: Database,
  auth: AuthContext,
  filter: VisitFilter,
  page: { limit: number; after: VisitKey | null },
) {
  const conditions: (SQL | undefined)[] = [visitScope(auth)];
  if (filter.agentId !== undefined) conditions.push(eq(visits.leadAgentId, filter.agentId));
  if (filter.status !== undefined) conditions.push(eq(visits.status, filter.status));
  if (filter.from !== undefined) conditions.push(gte(visits.windowStart, filter.from));
  if (filter.to !== undefined) conditions.push(lt(visits.windowStart, filter.to));
  if (page.after !== null) conditions.push(after(page.after));
  return db
    .select()
    .from(visits)
    .where(and(...conditions))
    .orderBy(asc(visits.windowStart), asc(visits.id))
    .limit(page.limit + 1)
    .all();
}

export const visitKeyOf = (row: VisitRow): VisitKey => [row.windowStart, row.id];

/** A visit, its outcome (if recorded), its case's currency and status and its plan's status, in one query. */
export function findVisit(db: Database, auth: AuthContext, visitId: string) {
  return db
    .select({
      visit: visits,
      outcome: visitOutcomes,
      currency: cases.currency,
      caseStatus: cases.status,
      planStatus: visitPlans.status,
    })
    .from(visits)
    .innerJoin(cases, and(eq(cases.tenantId, visits.tenantId), eq(cases.id, visits.caseId)))
    .leftJoin(visitPlans, and(eq(visitPlans.tenantId, visits.tenantId), eq(visitPlans.id, visits.planId)))
    .leftJoin(
      visitOutcomes,
      and(eq(visitOutcomes.visitId, visits.id), eq(visitOutcomes.tenantId, visits.tenantId)),
    )
    .where(and(visitScope(auth), eq(visits.id, visitId)))
    .get();
}

/**
 * Everything recording an outcome needs, in one query: the visit (scoped to the key), its case, the
 * tenant and the active policy set row (absent → built-in defaults).
 */
export function findOutcomeContext(db: Database, auth: AuthContext, visitId: string) {
  return db
    .select({ visit: visits, kase: cases, tenant: tenants, policy: policySets })
    .from(visits)
    .innerJoin(cases, and(eq(cases.tenantId, visits.tenantId), eq(cases.id, visits.caseId)))
    .innerJoin(tenants, eq(tenants.id, visits.tenantId))
    .leftJoin(policySets, and(eq(policySets.tenantId, visits.tenantId), eq(policySets.active, true)))
    .where(and(visitScope(auth), eq(visits.id, visitId)))
    .get();
}

/** The guarded version bump that commits a visit write; 0 rows changed means someone else won. */
export function bumpVisit(
  db: Database,
  tenantId: string,
  visitId: string,
  version: number,
  set: Partial<VisitRow>,
) {
  return db
    .update(visits)
    .set({ ...set, version: version + 1 })
    .where(and(eq(visits.tenantId, tenantId), eq(visits.id, visitId), eq(visits.version, version)));
}

export function insertVisit(db: Database, row: typeof visits.$inferInsert) {
  return db.insert(visits).values(row);
}

/** The case must be in the caller's scope; used before creating a visit on it. */
export function caseExists(db: Database, tenantId: string, caseId: string) {
  return db
    .select({
      id: cases.id,
      status: cases.status,
      endedAt: cases.endedAt,
      version: cases.version,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)))
    .get();
}
