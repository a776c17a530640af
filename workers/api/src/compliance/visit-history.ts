import { type ContactResult, LocalDateSchema, toInstant, type VisitQuery } from '@doorstep/core';
import { and, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { cases, contactAttempts, type tenants, visitOutcomes, visits } from '../db/schema';

/** A tenant's `settings` as compliance reads them; other keys belong to other readers. */
const ComplianceSettingsSchema = z.object({
  /** Public holidays, local dates in the customer's calendar (see docs/compliance.md). */
  holidays: z.array(LocalDateSchema).default([]),
});

export function tenantHolidays(tenant: typeof tenants.$inferSelect): string[] {
  return ComplianceSettingsSchema.parse(tenant.settings).holidays;
}

/** Visits that took place: a planned visit has not happened yet, a cancelled one never will. */
const HAPPENED_SQL = sql.raw(`('checked_in', 'completed')`);

/**
 * The past visits of the customers `customerIds` selects (a subquery, so it can ride in the same D1
 * batch as the query that finds them), over all of a customer's cases: cool-downs and caps protect
 * the person, not the account. `exceptVisitId`, a visit being judged, is kept out of its own history.
 */
export function pastVisitsQuery(
  db: Database,
  tenantId: string,
  customerIds: SQL,
  exceptVisitId: string | null,
) {
  return db
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
        // Visits found through these customers' cases (`cases_customer_idx`, then `visits_case_idx`); the
        // unary + keeps SQLite from walking every happened visit of the tenant by the status index.
        sql`${visits.caseId} IN (SELECT id FROM cases WHERE tenant_id = ${tenantId} AND customer_id IN ${customerIds})`,
        sql`+${visits.status} IN ${HAPPENED_SQL}`,
        ne(visits.id, exceptVisitId ?? ''),
      ),
    )
    .orderBy(desc(visits.createdAt));
}

type PastVisitRow = Awaited<ReturnType<typeof pastVisitsQuery>>[number];

/**
 * The remote contact attempts of the customers `customerIds` selects (`contact_attempts_customer_idx`),
 * newest first, for the same batch as {@link pastVisitsQuery}.
 */
export function pastContactsQuery(db: Database, tenantId: string, customerIds: SQL) {
  return db
    .select({
      customerId: contactAttempts.customerId,
      at: contactAttempts.at,
      channel: contactAttempts.channel,
      reached: contactAttempts.reached,
    })
    .from(contactAttempts)
    .where(and(eq(contactAttempts.tenantId, tenantId), sql`${contactAttempts.customerId} IN ${customerIds}`))
    .orderBy(desc(contactAttempts.at));
}

type PastContactRow = Awaited<ReturnType<typeof pastContactsQuery>>[number];

/** One customer's history as compliance reads it: visits that took place and remote contact attempts. */
export function visitHistoryOf(
  visitRows: readonly PastVisitRow[],
  contactRows: readonly PastContactRow[],
  customerId: string,
): VisitQuery['history'] {
  return {
    visits: visitRows.flatMap((visit) => {
      if (visit.customerId !== customerId) return [];
      // When it happened: the check-in, else the planned start, else when its outcome was recorded.
      const at = visit.checkedInAt ?? visit.windowStart ?? visit.recordedAt;
      if (at === null) return [];
      const contactResult = (visit.contactResult ?? undefined) as ContactResult | undefined;
      return [{ at: toInstant(at), contactResult }];
    }),
    contacts: contactRows.flatMap((contact) =>
      contact.customerId === customerId
        ? [{ at: toInstant(contact.at), channel: contact.channel, reached: contact.reached }]
        : [],
    ),
  };
}
