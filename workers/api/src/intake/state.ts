import type { IntakeEvent, IntakeRefs, IntakeState } from '@doorstep/intake';
import type { Placeholder } from 'drizzle-orm';
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { QueryBuilder } from 'drizzle-orm/sqlite-core';
import { compileSelect, type PlaceholderFor } from '../db/compiled-select';
import {
  accounts,
  cases,
  customers,
  delinquencySnapshots,
  eventInbox,
  intakeParked,
  intakeSecrets,
  payments,
  regions,
  statements,
} from '../db/schema';

/**
 * `IN (SELECT value FROM json_each(?))`: one bound parameter whatever the list length, because D1
 * refuses statements with more than 100 parameters and a request may name 500 refs.
 */
const inJson = (list: Placeholder): SQL => sql`(SELECT value FROM json_each(${list}))`;

/** The active signing secrets of a tenant: not revoked, or revoked only from a future instant on. */
export const activeSecrets = compileSelect<{ tenantId: string; now: number }>()((qb, p) =>
  qb
    .select({
      id: intakeSecrets.id,
      secret: intakeSecrets.secret,
      ciphertext: intakeSecrets.ciphertext,
      keyId: intakeSecrets.keyId,
    })
    .from(intakeSecrets)
    .where(
      and(
        eq(intakeSecrets.tenantId, p('tenantId')),
        or(isNull(intakeSecrets.revokedAt), sql`${intakeSecrets.revokedAt} > ${p('now')}`),
      ),
    ),
);

/** The stored answer to a `webhook-id`, if it was already handled for this tenant. */
export const inboxEntry = compileSelect<{ tenantId: string; webhookId: string }>()((qb, p) =>
  qb
    .select()
    .from(eventInbox)
    .where(and(eq(eventInbox.tenantId, p('tenantId')), eq(eventInbox.webhookId, p('webhookId')))),
);

/** The refs of {@link IntakeRefs}, each list bound as one JSON text. */
interface StateValues extends Record<string, string> {
  tenantId: string;
  customerRefs: string;
  accountRefs: string;
  paymentRefs: string;
  regionIds: string;
  statementPeriods: string;
}
const stateSelect = compileSelect<StateValues>();

/** A column of the accounts the request names by ref, as an IN subquery. */
const ofNamedAccounts = (
  qb: QueryBuilder,
  p: PlaceholderFor<StateValues>,
  column: typeof accounts.id | typeof accounts.customerId,
) =>
  qb
    .select({ id: column })
    .from(accounts)
    .where(
      and(eq(accounts.tenantId, p('tenantId')), inArray(accounts.externalRef, inJson(p('accountRefs')))),
    );

/**
 * Eight indexed queries, for one D1 round trip, reading every row the reducer may touch for these refs:
 * customers and accounts by ref, the cases and payments of those customers and accounts, regions,
 * events parked on those accounts, the snapshots that showed those accounts current, and their stored
 * statements of the months the events name.
 */
const stateSelects = [
  stateSelect((qb, p) =>
    qb
      .select()
      .from(customers)
      .where(
        and(eq(customers.tenantId, p('tenantId')), inArray(customers.externalRef, inJson(p('customerRefs')))),
      ),
  ),
  stateSelect((qb, p) =>
    qb
      .select()
      .from(accounts)
      .where(
        and(eq(accounts.tenantId, p('tenantId')), inArray(accounts.externalRef, inJson(p('accountRefs')))),
      ),
  ),
  stateSelect((qb, p) => {
    const customerIdsByRef = qb
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(eq(customers.tenantId, p('tenantId')), inArray(customers.externalRef, inJson(p('customerRefs')))),
      );
    const casesWhere = (condition: SQL) =>
      qb
        .select()
        .from(cases)
        .where(and(eq(cases.tenantId, p('tenantId')), condition));
    // Three flat indexed lookups joined by UNION. Nesting the two customer lookups as a UNION inside
    // one IN made workerd's SQLite take 2–10 ms at 4,000 cases, growing with the table; an OR of the
    // lookups would scan the tenant's cases.
    return casesWhere(inArray(cases.customerId, customerIdsByRef))
      .union(casesWhere(inArray(cases.customerId, ofNamedAccounts(qb, p, accounts.customerId))))
      .union(casesWhere(inArray(cases.accountId, ofNamedAccounts(qb, p, accounts.id))));
  }),
  stateSelect((qb, p) => {
    const paymentsWhere = (condition: SQL) =>
      qb
        .select()
        .from(payments)
        .where(and(eq(payments.tenantId, p('tenantId')), condition));
    return paymentsWhere(inArray(payments.externalRef, inJson(p('paymentRefs')))).union(
      paymentsWhere(inArray(payments.accountId, ofNamedAccounts(qb, p, accounts.id))),
    );
  }),
  stateSelect((qb, p) =>
    qb
      .select()
      .from(regions)
      .where(and(eq(regions.tenantId, p('tenantId')), inArray(regions.id, inJson(p('regionIds'))))),
  ),
  stateSelect((qb, p) =>
    qb
      .select()
      .from(intakeParked)
      .where(
        and(
          eq(intakeParked.tenantId, p('tenantId')),
          inArray(intakeParked.accountRef, inJson(p('accountRefs'))),
        ),
      ),
  ),
  stateSelect((qb, p) =>
    qb
      .select({
        accountId: delinquencySnapshots.accountId,
        sequence: delinquencySnapshots.sequence,
        asOf: delinquencySnapshots.asOf,
      })
      .from(delinquencySnapshots)
      .where(
        and(
          eq(delinquencySnapshots.tenantId, p('tenantId')),
          inArray(delinquencySnapshots.accountId, ofNamedAccounts(qb, p, accounts.id)),
          eq(delinquencySnapshots.dpd, 0),
        ),
      ),
  ),
  // The stored statements of the named accounts for the months the events name, for later-wins.
  stateSelect((qb, p) =>
    qb
      .select({ accountId: statements.accountId, period: statements.period, sourceAt: statements.sourceAt })
      .from(statements)
      .where(
        and(
          eq(statements.tenantId, p('tenantId')),
          inArray(statements.accountId, ofNamedAccounts(qb, p, accounts.id)),
          inArray(statements.period, inJson(p('statementPeriods'))),
        ),
      ),
  ),
] as const;

/** The statements of {@link stateSelects}, to run in one batch alone or behind others. */
export function stateStatements(d1: D1Database, tenantId: string, refs: IntakeRefs): D1PreparedStatement[] {
  const values: StateValues = {
    tenantId,
    customerRefs: JSON.stringify(refs.customerRefs),
    accountRefs: JSON.stringify(refs.accountRefs),
    paymentRefs: JSON.stringify(refs.paymentRefs),
    regionIds: JSON.stringify(refs.regionIds),
    statementPeriods: JSON.stringify(refs.statementPeriods ?? []),
  };
  return stateSelects.map((select) => select.statement(d1, values));
}

/** The results of {@link stateStatements}, in order, in the reducer's shape. */
export function stateOf(results: readonly D1Result[]): IntakeState {
  const [
    customerRows,
    accountRows,
    caseRows,
    paymentRows,
    regionRows,
    parkedRows,
    currentRows,
    statementRows,
  ] = [
    stateSelects[0].rows(resultAt(results, 0)),
    stateSelects[1].rows(resultAt(results, 1)),
    stateSelects[2].rows(resultAt(results, 2)),
    stateSelects[3].rows(resultAt(results, 3)),
    stateSelects[4].rows(resultAt(results, 4)),
    stateSelects[5].rows(resultAt(results, 5)),
    stateSelects[6].rows(resultAt(results, 6)),
    stateSelects[7].rows(resultAt(results, 7)),
  ];
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
    statements: statementRows,
  };
}

/** One statement's result out of a D1 batch; a short answer is a broken invariant, not bad input. */
export function resultAt(results: readonly D1Result[], index: number): D1Result {
  const result = results[index];
  if (!result)
    throw new Error(`intake: D1 answered ${results.length} results, expected at least ${index + 1}`);
  return result;
}

export async function readIntakeState(
  d1: D1Database,
  tenantId: string,
  refs: IntakeRefs,
): Promise<IntakeState> {
  return stateOf(await d1.batch(stateStatements(d1, tenantId, refs)));
}
