import {
  type AccountPosition,
  customerExposure,
  type DelinquencySnapshot,
  type Region,
  type RiskFact,
  type ScreenCaseInput,
} from '@doorstep/core';
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { accounts, cases, customers, delinquencySnapshots, promises, regions } from '../db/schema';
import {
  asOfInstant,
  coreAccount,
  coreCase,
  coreCreditHistory,
  coreCustomer,
  coreSnapshot,
} from '../repositories/domain';

export interface ScreeningFilter {
  status?: string;
  bucket?: string;
  regionId?: string;
  agencyId?: string;
  /** Only cases not screened since intake last changed what screening reads (`last_screened_at` cleared). */
  unscreened?: boolean;
}

/**
 * An open case whose screening inputs changed since it was last screened. The same predicate defines
 * the partial index `cases_unscreened_idx`, so SQLite can use it: keep them identical.
 */
export const UNSCREENED = sql`${cases.lastScreenedAt} IS NULL AND ${cases.endedAt} IS NULL`;

/**
 * One chunk of cases with everything screening reads, in ONE query: customer, account, region and the
 * account's latest snapshot (by `last_sequence`). Keyset on case id, so chunks never overlap.
 */
export function loadChunk(
  db: Database,
  tenantId: string,
  filter: ScreeningFilter,
  afterCaseId: string | null,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [eq(cases.tenantId, tenantId)];
  if (filter.status !== undefined) conditions.push(eq(cases.status, filter.status));
  if (filter.bucket !== undefined) conditions.push(eq(cases.bucket, filter.bucket));
  if (filter.regionId !== undefined) conditions.push(eq(cases.regionId, filter.regionId));
  if (filter.agencyId !== undefined) conditions.push(eq(cases.agencyId, filter.agencyId));
  if (filter.unscreened === true) conditions.push(UNSCREENED);
  if (afterCaseId !== null) conditions.push(gt(cases.id, afterCaseId));
  return caseContext(db)
    .where(and(...conditions))
    .orderBy(asc(cases.id))
    .limit(limit + 1)
    .all();
}

/** One case (within `scope`) with everything screening or a repayment proposal reads. */
export function loadCase(db: Database, scope: SQL, caseId: string) {
  return caseContext(db)
    .where(and(scope, eq(cases.id, caseId)))
    .get();
}

function caseContext(db: Database) {
  return db
    .select({
      kase: cases,
      customer: customers,
      account: accounts,
      region: regions,
      snapshot: delinquencySnapshots,
    })
    .from(cases)
    .innerJoin(customers, and(eq(customers.tenantId, cases.tenantId), eq(customers.id, cases.customerId)))
    .innerJoin(accounts, and(eq(accounts.tenantId, cases.tenantId), eq(accounts.id, cases.accountId)))
    .leftJoin(regions, and(eq(regions.tenantId, cases.tenantId), eq(regions.id, cases.regionId)))
    .leftJoin(
      delinquencySnapshots,
      and(
        eq(delinquencySnapshots.tenantId, accounts.tenantId),
        eq(delinquencySnapshots.accountId, accounts.id),
        eq(delinquencySnapshots.sequence, accounts.lastSequence),
      ),
    );
}

export type ChunkRow = Awaited<ReturnType<typeof loadChunk>>[number];

/**
 * Every account of the customers `customerIds` selects, with what core banking last reported of its
 * balance and arrears: the exposure a screening policy weighs (`cases_customer_idx`'s sibling,
 * `accounts_customer_idx`, finds them).
 */
export function customerAccountsQuery(db: Database, tenantId: string, customerIds: SQL) {
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), sql`${accounts.customerId} IN ${customerIds}`));
}

export type AccountRow = typeof accounts.$inferSelect;

/** An account row as the customer's exposure lists it. */
export function accountPosition(row: AccountRow): AccountPosition {
  return {
    account: coreAccount(row),
    status: row.status,
    outstandingMinor: row.outstandingBalance,
    overdueMinor: row.overdueTotal,
    dpd: row.dpd,
  };
}

/**
 * A chunk row → the core's screening input, with the customer's other accounts for their exposure,
 * the past visits and the tenant's holidays for compliance's cool-downs, caps and calendar, and the
 * promises the customer broke to our agents. Missing pieces get neutral values: a case without a
 * stored snapshot is screened on the case's own DPD and arrears.
 */
export function screeningInputOf(
  row: ChunkRow,
  tenant: ScreenCaseInput['tenant'],
  now: string,
  contact: Pick<ScreenCaseInput, 'contactHistory' | 'holidays'> & {
    brokenPromises: number;
    /** The customer's accounts; the case's own is added from the row when missing. */
    accounts: readonly AccountRow[];
    /** The account's latest early-warning score, for screening plugins that read it. */
    risk?: RiskFact | null;
  },
): ScreenCaseInput {
  const { kase, customer, account, region } = row;
  const coreRegion: Region | null = region
    ? {
        id: region.id as Region['id'],
        name: region.name,
        riskScore: region.riskScore,
        asOf: asOfInstant(region.riskAsOf),
      }
    : null;
  const others = contact.accounts.filter((other) => other.id !== account.id);
  return {
    tenant,
    customer: coreCustomer(customer),
    exposure: customerExposure(tenant.currency, [account, ...others].map(accountPosition)),
    account: coreAccount(account),
    case: coreCase(kase),
    snapshot: snapshotOf(row, now),
    history: coreCreditHistory(customer, kase.dpd, contact.brokenPromises),
    region: coreRegion,
    contactHistory: contact.contactHistory,
    ...(contact.holidays === undefined ? {} : { holidays: contact.holidays }),
    ...(contact.risk === undefined ? {} : { risk: contact.risk }),
  };
}

/** The account's latest snapshot; without a stored one, the case's own DPD and arrears as of `now`. */
export function snapshotOf(
  { kase, account, snapshot }: Pick<ChunkRow, 'kase' | 'account' | 'snapshot'>,
  now: string,
): DelinquencySnapshot {
  return snapshot
    ? coreSnapshot(snapshot)
    : {
        accountId: account.id as DelinquencySnapshot['accountId'],
        asOf: now,
        sequence: 0,
        dpd: kase.dpd,
        currency: kase.currency,
        overduePrincipalMinor: kase.overdueTotal,
        overdueInterestMinor: 0,
        overdueFeesMinor: 0,
      };
}

/** Promises to pay that the customers `customerIds` selects broke, counted per customer over all their cases. */
export function brokenPromisesQuery(db: Database, tenantId: string, customerIds: SQL) {
  return db
    .select({ customerId: cases.customerId, broken: sql<number>`count(*)` })
    .from(promises)
    .innerJoin(cases, and(eq(cases.tenantId, promises.tenantId), eq(cases.id, promises.caseId)))
    .where(
      and(
        eq(promises.tenantId, tenantId),
        sql`${promises.caseId} IN (SELECT id FROM cases WHERE tenant_id = ${tenantId} AND customer_id IN ${customerIds})`,
        eq(promises.status, 'broken'),
      ),
    )
    .groupBy(cases.customerId);
}
