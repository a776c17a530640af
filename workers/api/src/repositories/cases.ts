import { and, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { accounts, cases, customers } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { notHeldOutSql } from '../reports/experiments';
import { caseScope } from './scope';

export type CaseRow = typeof cases.$inferSelect;

export interface CaseFilter {
  status?: string;
  bucket?: string;
  regionId?: string;
  agencyId?: string;
  agentId?: string;
  eligible?: boolean;
  /** Whether a running experiment holds the case out of visits (its control group). */
  heldOut?: boolean;
  customerId?: string;
  accountId?: string;
  /** Core banking's customer and account numbers, resolved through their unique per-tenant indexes. */
  customerRef?: string;
  accountRef?: string;
}

/** The sort key of a case in lists: priority (null = unscreened, sorted last) then id, both descending. */
export type CaseKey = [priority: number | null, id: string];

/**
 * Rows after `after` in (priority DESC, id DESC) order. Unscreened cases (null priority) sort last, so
 * a cursor inside the screened part also admits every unscreened row. The order matches the
 * `(tenant, [status|region|agency,] priority, id)` indexes read backwards: no temp sort, no OFFSET.
 */
function after([priority, id]: CaseKey): SQL | undefined {
  if (priority === null) return and(isNull(cases.priority), sql`${cases.id} < ${id}`);
  return or(sql`(${cases.priority}, ${cases.id}) < (${priority}, ${id})`, isNull(cases.priority));
}

export function listCases(
  db: Database,
  auth: AuthContext,
  filter: CaseFilter,
  page: { limit: number; after: CaseKey | null },
) {
  const conditions: (SQL | undefined)[] = [caseScope(auth)];
  if (filter.status !== undefined) conditions.push(eq(cases.status, filter.status));
  if (filter.bucket !== undefined) conditions.push(eq(cases.bucket, filter.bucket));
  if (filter.regionId !== undefined) conditions.push(eq(cases.regionId, filter.regionId));
  if (filter.agencyId !== undefined) conditions.push(eq(cases.agencyId, filter.agencyId));
  if (filter.eligible !== undefined) conditions.push(eq(cases.eligible, filter.eligible));
  if (filter.heldOut !== undefined) {
    const visitable = sql.raw(notHeldOutSql('"cases"."id"', '"cases"."tenant_id"'));
    conditions.push(filter.heldOut ? sql`NOT ${visitable}` : visitable);
  }
  if (filter.agentId !== undefined)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM visit_agents team JOIN visits visit ON visit.tenant_id = team.tenant_id
        AND visit.id = team.visit_id
        WHERE team.tenant_id = ${cases.tenantId} AND team.agent_id = ${filter.agentId} AND visit.case_id = ${cases.id})`,
    );
  if (filter.customerId !== undefined) conditions.push(eq(cases.customerId, filter.customerId));
  if (filter.accountId !== undefined) conditions.push(eq(cases.accountId, filter.accountId));
  if (filter.customerRef !== undefined)
    conditions.push(
      sql`${cases.customerId} = (SELECT id FROM ${customers} WHERE ${customers.tenantId} = ${auth.tenantId} AND ${customers.externalRef} = ${filter.customerRef})`,
    );
  if (filter.accountRef !== undefined)
    conditions.push(
      sql`${cases.accountId} = (SELECT id FROM ${accounts} WHERE ${accounts.tenantId} = ${auth.tenantId} AND ${accounts.externalRef} = ${filter.accountRef})`,
    );
  if (page.after !== null) conditions.push(after(page.after));
  return db
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.priority), desc(cases.id))
    .limit(page.limit + 1)
    .all();
}

export function findCase(db: Database, auth: AuthContext, caseId: string) {
  return db
    .select()
    .from(cases)
    .where(and(caseScope(auth), eq(cases.id, caseId)))
    .get();
}

export const caseKeyOf = (row: CaseRow): CaseKey => [row.priority, row.id];
