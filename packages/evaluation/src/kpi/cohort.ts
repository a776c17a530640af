import { type DelinquencyBucket, delinquentBucketOf } from '../bucket';
import {
  assertWindow,
  type DateWindow,
  type DelinquencySnapshotRow,
  latestSnapshots,
  type PaymentRow,
} from './rows';

/**
 * What happened to one account that was delinquent at the end of the window's start date: the shared
 * fact behind the cure rate, the recovery rate and the cost per cured case.
 */
export interface CohortOutcome {
  accountId: string;
  bucketAtStart: DelinquencyBucket;
  currency: string;
  overdueAtStartMinor: number;
  /** True when any snapshot dated inside (start, end] shows 0 days past due, open or closed. */
  cured: boolean;
  /**
   * Payments dated inside (start, end], capped at `overdueAtStartMinor`: paying ahead on instalments not
   * yet due is not recovery of the arrears.
   */
  collectedMinor: number;
}

export function delinquentCohort(
  snapshots: readonly DelinquencySnapshotRow[],
  payments: readonly PaymentRow[],
  window: DateWindow,
): CohortOutcome[] {
  assertWindow(window);
  const cohort = [...latestSnapshots(snapshots, window.start).values()].filter(
    (row) => row.status === 'open' && row.daysPastDue > 0,
  );
  const cured = new Set(
    snapshots
      .filter((row) => row.asOf > window.start && row.asOf <= window.end && row.daysPastDue === 0)
      .map((row) => row.accountId),
  );
  const paid = new Map<string, number>();
  for (const payment of payments) {
    if (payment.paidOn > window.start && payment.paidOn <= window.end) {
      paid.set(payment.accountId, (paid.get(payment.accountId) ?? 0) + payment.amountMinor);
    }
  }
  return cohort.map((row) => ({
    accountId: row.accountId,
    bucketAtStart: delinquentBucketOf(row.daysPastDue),
    currency: row.currency,
    overdueAtStartMinor: row.overdueMinor,
    cured: cured.has(row.accountId),
    collectedMinor: Math.min(paid.get(row.accountId) ?? 0, row.overdueMinor),
  }));
}
