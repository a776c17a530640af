import type { IntakeEvent, IntakeRefs, IntakeState } from '@doorstep/intake';
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { Database } from '../db/client';
import {
  accounts,
  cases,
  customers,
  delinquencySnapshots,
  intakeParked,
  intakeSecrets,
  payments,
  regions,
} from '../db/schema';

/**
 * `IN (SELECT value FROM json_each(?))`: one bound parameter whatever the list length, because D1
 * refuses statements with more than 100 parameters and a request may name 500 refs.
 */
const inJson = (values: readonly string[]): SQL =>
  sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;

/** The active signing secrets of a tenant: not revoked, or revoked only from a future instant on. */
export function activeSecretsQuery(db: Database, tenantId: string, now: number) {
  return db
    .select({ secret: intakeSecrets.secret })
    .from(intakeSecrets)
    .where(
      and(
        eq(intakeSecrets.tenantId, tenantId),
        or(isNull(intakeSecrets.revokedAt), sql`${intakeSecrets.revokedAt} > ${now}`),
      ),
    );
}

/**
 * Seven indexed queries, for one D1 round trip, reading every row the reducer may touch for these refs:
 * customers and accounts by ref, the cases and payments of those customers and accounts, regions,
 * events parked on those accounts, and the snapshots that showed those accounts current.
 */
export function stateQueries(db: Database, tenantId: string, refs: IntakeRefs) {
  const accountIds = db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.externalRef, inJson(refs.accountRefs))));
  const customerIds = sql`(SELECT id FROM customers WHERE tenant_id = ${tenantId} AND external_ref IN ${inJson(refs.customerRefs)}
    UNION SELECT customer_id FROM accounts WHERE tenant_id = ${tenantId} AND external_ref IN ${inJson(refs.accountRefs)})`;

  return [
    db
      .select()
      .from(customers)
      .where(
        and(eq(customers.tenantId, tenantId), inArray(customers.externalRef, inJson(refs.customerRefs))),
      ),
    db
      .select()
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.externalRef, inJson(refs.accountRefs)))),
    // Two indexed lookups joined by UNION: an OR of the two would scan the tenant's cases.
    db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), inArray(cases.customerId, customerIds)))
      .union(
        db
          .select()
          .from(cases)
          .where(and(eq(cases.tenantId, tenantId), inArray(cases.accountId, accountIds))),
      ),
    db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, tenantId), inArray(payments.externalRef, inJson(refs.paymentRefs))))
      .union(
        db
          .select()
          .from(payments)
          .where(and(eq(payments.tenantId, tenantId), inArray(payments.accountId, accountIds))),
      ),
    db
      .select()
      .from(regions)
      .where(and(eq(regions.tenantId, tenantId), inArray(regions.id, inJson(refs.regionIds)))),
    db
      .select()
      .from(intakeParked)
      .where(
        and(eq(intakeParked.tenantId, tenantId), inArray(intakeParked.accountRef, inJson(refs.accountRefs))),
      ),
    db
      .select({
        accountId: delinquencySnapshots.accountId,
        sequence: delinquencySnapshots.sequence,
        asOf: delinquencySnapshots.asOf,
      })
      .from(delinquencySnapshots)
      .where(
        and(
          eq(delinquencySnapshots.tenantId, tenantId),
          inArray(delinquencySnapshots.accountId, accountIds),
          eq(delinquencySnapshots.dpd, 0),
        ),
      ),
  ] as const;
}

export type StateResults = BatchResponse<ReturnType<typeof stateQueries>>;

/** The rows of {@link stateQueries} in the reducer's shape. */
export function stateOf([
  customerRows,
  accountRows,
  caseRows,
  paymentRows,
  regionRows,
  parkedRows,
  currentRows,
]: StateResults): IntakeState {
  return {
    customers: customerRows.map((row) => ({
      ...row,
      flags: row.flags as IntakeState['customers'][number]['flags'],
      creditHistory: row.creditHistory as IntakeState['customers'][number]['creditHistory'],
    })),
    accounts: accountRows,
    cases: caseRows.map((row) => ({
      ...row,
      status: row.status as IntakeState['cases'][number]['status'],
      bucket: row.bucket as IntakeState['cases'][number]['bucket'],
    })),
    payments: paymentRows,
    regions: regionRows.map((row) => ({
      id: row.id,
      name: row.name,
      riskScore: row.riskScore,
      riskAsOf: row.riskAsOf,
    })),
    parked: parkedRows.map((row) => ({
      accountRef: row.accountRef,
      eventKey: row.eventKey,
      event: row.event as IntakeEvent,
    })),
    currentSnapshots: currentRows,
  };
}

export async function readIntakeState(
  db: Database,
  tenantId: string,
  refs: IntakeRefs,
): Promise<IntakeState> {
  return stateOf(await db.batch(stateQueries(db, tenantId, refs)));
}
