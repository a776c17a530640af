/**
 * Row shapes the reference implementations read: the same facts the D1 tables hold. They exist so tests
 * can cross-check the SQL aggregates against a plain-code computation on the same rows.
 */

import { type ContactResult, ContactResultSchema } from '@doorstep/core';

/** A local business date, `YYYY-MM-DD`; ISO dates compare correctly as strings. */
export type IsoDate = string;

export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function assertIsoDate(date: IsoDate): void {
  if (!ISO_DATE.test(date)) throw new RangeError(`expected a YYYY-MM-DD date, got ${date}`);
}

export function assertWindow({ start, end }: DateWindow): void {
  assertIsoDate(start);
  assertIsoDate(end);
  if (start > end) throw new RangeError(`window starts ${start} after it ends ${end}`);
}

export function isWithin(date: IsoDate, { start, end }: DateWindow): boolean {
  return date >= start && date <= end;
}

/** What core banking reported about an account on a date; `sequence` orders several reports on one date. */
export interface DelinquencySnapshotRow {
  accountId: string;
  asOf: IsoDate;
  sequence: number;
  daysPastDue: number;
  /** Overdue principal, interest and fees. */
  overdueMinor: number;
  /** Whole outstanding balance, overdue or not. */
  outstandingMinor: number;
  currency: string;
  status: 'open' | 'closed';
}

export interface PaymentRow {
  accountId: string;
  paidOn: IsoDate;
  amountMinor: number;
  currency: string;
}

export interface PromiseRow {
  promiseId: string;
  accountId: string;
  madeOn: IsoDate;
  dueOn: IsoDate;
  amountMinor: number;
  currency: string;
}

export type { ContactResult } from '@doorstep/core';
export const contactResults: readonly ContactResult[] = ContactResultSchema.options;

export type SatisfactionScore = 1 | 2 | 3 | 4 | 5;

export interface VisitRow {
  visitId: string;
  accountId: string;
  plannedOn: IsoDate;
  /** Every agent on the visit; the China pack requires two. */
  agentIds: readonly string[];
  /** The check-in date; `null` while the visit has not been made. */
  visitedOn: IsoDate | null;
  contactResult: ContactResult | null;
  satisfaction: SatisfactionScore | null;
  /** The cost allocated to this visit (travel, agent time), in minor units. */
  costMinor: number;
  currency: string;
  /** Whether the check-in was beyond the tenant's radius; null or absent when no distance was measured. */
  checkInFar?: boolean | null;
}

/**
 * Each account's latest snapshot on or before `date`, by (asOf, sequence). Accounts with no snapshot yet
 * are absent.
 */
export function latestSnapshots(
  snapshots: readonly DelinquencySnapshotRow[],
  date: IsoDate,
): Map<string, DelinquencySnapshotRow> {
  assertIsoDate(date);
  const latest = new Map<string, DelinquencySnapshotRow>();
  for (const row of snapshots) {
    if (row.asOf > date) continue;
    const current = latest.get(row.accountId);
    if (
      current === undefined ||
      row.asOf > current.asOf ||
      (row.asOf === current.asOf && row.sequence > current.sequence)
    ) {
      latest.set(row.accountId, row);
    }
  }
  return latest;
}
