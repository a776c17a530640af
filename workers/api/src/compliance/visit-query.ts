import { FollowUpPauseSchema, type GeoPoint, toInstant, type VisitQuery } from '@doorstep/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases, complianceOverrides, customers, followUpPauses, policySets, tenants } from '../db/schema';
import { coreCase, coreCustomer, coreTenant } from '../repositories/domain';
import { pastContactsQuery, pastVisitsQuery, tenantHolidays, visitHistoryOf } from './visit-history';

type TenantRow = typeof tenants.$inferSelect;

/** Everything about a case that a compliance question needs except who goes, when, and at which stage. */
export interface VisitFacts {
  tenant: TenantRow;
  /** The active policy set's document, where a tenant may tune its pack's options. */
  policyDocument: unknown;
  policyVersion: number | null;
  query: Omit<VisitQuery, 'staff' | 'interval' | 'stage'>;
  /** Rules a supervisor lifted for the visit asked about (none when no visit exists yet). */
  overriddenRules: string[];
  /**
   * The customer row's version (intake bumps it with every flag change) and how many pauses were
   * read: a write that must not outlive the facts it was judged on guards on both.
   */
  customerVersion: number;
  /** The customer's geocoded address; null when intake gave none (the core's query reads it as 0, 0). */
  address: GeoPoint | null;
}

/**
 * Reads the cases, their customers, the tenant, the active policy set, the customers' past visits
 * and remote contacts (over all of a customer's cases: the cool-down protects the person, not the
 * account), the overrides of `visitId` and the customers' hardship pauses in ONE D1 batch of eight
 * statements, however many cases. `visitId`, the visit
 * being judged, is kept out of its own history. A case that is not the tenant's is absent from the map.
 */
export async function loadCasesFacts(
  db: Database,
  tenantId: string,
  caseIds: readonly string[],
  visitId: string | null,
): Promise<Map<string, VisitFacts>> {
  // One bound parameter whatever the number of cases: D1 caps a statement at 100.
  const inCases = sql`(SELECT value FROM json_each(${JSON.stringify(caseIds)}))`;
  const customersOfCases = sql`(SELECT customer_id FROM cases WHERE tenant_id = ${tenantId} AND id IN ${inCases})`;
  // Single-table reads: in a D1 batch, drizzle maps rows by column name, which joins of tables sharing
  // column names (id, version) would scramble.
  const [caseRows, tenant, customerRows, policy, history, contacts, overrides, pauses] = await db.batch([
    db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), sql`${cases.id} IN ${inCases}`)),
    db.select().from(tenants).where(eq(tenants.id, tenantId)),
    db
      .select()
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), sql`${customers.id} IN ${customersOfCases}`)),
    db
      .select()
      .from(policySets)
      .where(and(eq(policySets.tenantId, tenantId), eq(policySets.active, true))),
    pastVisitsQuery(db, tenantId, customersOfCases, visitId),
    pastContactsQuery(db, tenantId, customersOfCases),
    db
      .select({ rule: complianceOverrides.rule })
      .from(complianceOverrides)
      .where(and(eq(complianceOverrides.tenantId, tenantId), eq(complianceOverrides.visitId, visitId ?? ''))),
    db
      .select({
        customerId: followUpPauses.customerId,
        reasons: followUpPauses.reasons,
        startsAt: followUpPauses.startsAt,
        endsAt: followUpPauses.endsAt,
      })
      .from(followUpPauses)
      .where(
        and(eq(followUpPauses.tenantId, tenantId), sql`${followUpPauses.customerId} IN ${customersOfCases}`),
      ),
  ]);
  const facts = new Map<string, VisitFacts>();
  const [tenantRow] = tenant;
  if (!tenantRow) return facts;
  const holidays = tenantHolidays(tenantRow);
  const [policyRow] = policy;
  const customerById = new Map(customerRows.map((row) => [row.id, row]));
  for (const caseRow of caseRows) {
    const customerRow = customerById.get(caseRow.customerId);
    if (!customerRow) continue;
    facts.set(caseRow.id, {
      tenant: tenantRow,
      policyDocument: policyRow?.document ?? null,
      policyVersion: policyRow?.version ?? null,
      query: {
        tenant: coreTenant(tenantRow),
        customer: coreCustomer(customerRow),
        case: coreCase(caseRow),
        history: visitHistoryOf(history, contacts, caseRow.customerId),
        holidays,
        pauses: pauses
          .filter((pause) => pause.customerId === caseRow.customerId)
          .map((pause) =>
            FollowUpPauseSchema.parse({
              reasons: pause.reasons,
              from: toInstant(pause.startsAt),
              until: toInstant(pause.endsAt),
            }),
          ),
      },
      overriddenRules: overrides.map((override) => override.rule),
      customerVersion: customerRow.version,
      address:
        customerRow.lat === null || customerRow.lon === null
          ? null
          : { lat: customerRow.lat, lon: customerRow.lon },
    });
  }
  return facts;
}

/** One case's facts (see `loadCasesFacts`); null when the case is not the tenant's. */
export async function loadVisitFacts(
  db: Database,
  tenantId: string,
  caseId: string,
  visitId: string | null,
): Promise<VisitFacts | null> {
  return (await loadCasesFacts(db, tenantId, [caseId], visitId)).get(caseId) ?? null;
}
