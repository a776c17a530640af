import {
  type ContactResult,
  type Customer,
  type CustomerFlags,
  LocalDateSchema,
  toInstant,
  type VisitQuery,
} from '@doorstep/core';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import {
  cases,
  complianceOverrides,
  customers,
  policySets,
  tenants,
  visitOutcomes,
  visits,
} from '../db/schema';
import { coreCase, coreTenant } from '../repositories/domain';

/** A tenant's `settings` as compliance reads them; other keys belong to other readers. */
const ComplianceSettingsSchema = z.object({
  /** Public holidays, local dates in the customer's calendar (see docs/compliance.md). */
  holidays: z.array(LocalDateSchema).default([]),
});

// Intake writes only the flags core banking reported; an absent flag means it is not set.
const NO_FLAGS: CustomerFlags = {
  dispute: false,
  bankruptcy: false,
  deceased: false,
  ceaseContact: false,
  vulnerability: null,
  breathingSpaceUntil: null,
  consentOutsideHours: false,
  debtAdviserUntil: null,
};

/** Visits that took place: a planned visit has not happened yet, a cancelled one never will. */
const HAPPENED = ['checked_in', 'completed'] as const;

type TenantRow = typeof tenants.$inferSelect;
type CustomerRow = typeof customers.$inferSelect;

/** Everything about a case that a compliance question needs except who goes, when, and at which stage. */
export interface VisitFacts {
  tenant: TenantRow;
  /** The active policy set's document, where a tenant may tune its pack's options. */
  policyDocument: unknown;
  policyVersion: number | null;
  query: Omit<VisitQuery, 'staff' | 'interval' | 'stage'>;
  /** Rules a supervisor lifted for the visit asked about (none when no visit exists yet). */
  overriddenRules: string[];
}

/**
 * Reads the cases, their customers, the tenant, the active policy set, the customers' past visits
 * (over all of a customer's cases: the cool-down protects the person, not the account) and the
 * overrides of `visitId` in ONE D1 batch of six statements, however many cases. `visitId`, the visit
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
  const [caseRows, tenant, customerRows, policy, history, overrides] = await db.batch([
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
    db
      .select({
        customerId: cases.customerId,
        checkedInAt: visits.checkedInAt,
        windowStart: visits.windowStart,
        recordedAt: visitOutcomes.recordedAt,
        contactResult: visitOutcomes.contactResult,
      })
      .from(visits)
      .innerJoin(cases, and(eq(cases.tenantId, visits.tenantId), eq(cases.id, visits.caseId)))
      .leftJoin(
        visitOutcomes,
        and(eq(visitOutcomes.tenantId, visits.tenantId), eq(visitOutcomes.visitId, visits.id)),
      )
      .where(
        and(
          eq(visits.tenantId, tenantId),
          sql`${cases.customerId} IN ${customersOfCases}`,
          inArray(visits.status, HAPPENED),
          ne(visits.id, visitId ?? ''),
        ),
      )
      .orderBy(desc(visits.createdAt)),
    db
      .select({ rule: complianceOverrides.rule })
      .from(complianceOverrides)
      .where(and(eq(complianceOverrides.tenantId, tenantId), eq(complianceOverrides.visitId, visitId ?? ''))),
  ]);
  const facts = new Map<string, VisitFacts>();
  const [tenantRow] = tenant;
  if (!tenantRow) return facts;
  const settings = ComplianceSettingsSchema.parse(tenantRow.settings);
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
        history: {
          visits: history.flatMap((visit) => {
            if (visit.customerId !== caseRow.customerId) return [];
            // When it happened: the check-in, else the planned start, else when its outcome was recorded.
            const at = visit.checkedInAt ?? visit.windowStart ?? visit.recordedAt;
            if (at === null) return [];
            const contactResult = (visit.contactResult ?? undefined) as ContactResult | undefined;
            return [{ at: toInstant(at), contactResult }];
          }),
        },
        holidays: settings.holidays,
      },
      overriddenRules: overrides.map((override) => override.rule),
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

/**
 * The customer as core's contract types it, plus the `address.timeZone` extra the packs read
 * (hours are the customer's, not the bank's). D1 keeps one address line and one phone.
 */
function coreCustomer(row: CustomerRow): Customer & { address: { timeZone?: string } } {
  return {
    id: row.id as Customer['id'],
    name: row.name,
    contacts: row.phone ? [{ kind: 'mobile', value: row.phone, preferred: true, doNotUse: false }] : [],
    address: {
      lines: row.addressLine ? [row.addressLine] : [],
      city: '',
      country: '',
      lat: row.lat ?? 0,
      lon: row.lon ?? 0,
      ...(row.timeZone ? { timeZone: row.timeZone } : {}),
    },
    regionId: (row.regionId ?? '') as Customer['regionId'],
    householdNotes: row.householdNotes ?? '',
    flags: { ...NO_FLAGS, ...(row.flags as Partial<CustomerFlags>) },
  };
}
