import type { Bucket, CaseStatus, CreditHistory, CustomerFlags } from '@doorstep/core';
import type { IntakeEvent } from './events';

/**
 * The rows intake reads before deciding and writes after, in the shape of their tables. `version` is
 * the row's optimistic-lock version as read; 0 marks a row this reduction creates. Accounts have no
 * version: their applied sequence and status, as read, play that part.
 */
export interface CustomerRow {
  id: string;
  externalRef: string;
  name: string;
  phone: string | null;
  email: string | null;
  addressLine: string | null;
  lat: number | null;
  lon: number | null;
  regionId: string | null;
  timeZone: string | null;
  language: string | null;
  householdNotes: string | null;
  /** `{}` until the first `customer.flags_changed`. */
  flags: CustomerFlags | Record<string, never>;
  creditHistory: CreditHistory | Record<string, never>;
  /** Source time of the applied `customer.upserted`; 0 for a stub created by a dependent event. */
  sourceUpdatedAt: number;
  flagsUpdatedAt: number;
  version: number;
}

export interface AccountRow {
  id: string;
  externalRef: string;
  customerId: string;
  kind: 'loan' | 'credit_card';
  product: string;
  currency: string;
  limitOrPrincipal: number;
  status: 'current' | 'delinquent' | 'closed';
  lastSequence: number | null;
  /** ISO instant of the latest snapshot. */
  lastAsOf: string | null;
  /** DPD and overdue total as the latest snapshot reported them, before later payments. */
  dpd: number;
  overdueTotal: number;
  outstandingBalance: number;
}

export interface CaseRow {
  id: string;
  customerId: string;
  accountId: string;
  status: CaseStatus;
  bucket: Bucket;
  dpd: number;
  overdueTotal: number;
  overdueAtOpen: number;
  currency: string;
  regionId: string | null;
  eligible: boolean | null;
  priority: number | null;
  lastScreenedAt: number | null;
  openSequence: number | null;
  openedAt: number;
  endedAt: number | null;
  version: number;
}

export interface SnapshotRow {
  accountId: string;
  sequence: number;
  asOf: string;
  dpd: number;
  overduePrincipal: number;
  overdueInterest: number;
  overdueFees: number;
  outstandingBalance: number;
  currency: string;
  bucket: Bucket;
}

/** A monthly statement, keyed by account and month; the one with the latest source time is kept. */
export interface StatementRow {
  accountId: string;
  period: string;
  currency: string;
  limit: number;
  balance: number;
  minimumDue: number;
  payment: number;
  status: 'no_activity' | 'paid_in_full' | 'revolving' | 'late';
  /** 0 unless `status` is `late`. */
  monthsLate: number;
  /** The event's `occurredAt`, ms: a later correction of the same month wins. */
  sourceAt: number;
}

export interface PaymentRow {
  id: string;
  accountId: string;
  caseId: string | null;
  externalRef: string;
  amount: number;
  currency: string;
  paidAt: number;
}

export interface RegionRow {
  id: string;
  name: string;
  riskScore: number;
  /** Normalised ISO instant (`toISOString`), so later-wins compares as text in SQL too. */
  riskAsOf: string;
}

export interface ParkedEvent {
  accountRef: string;
  /** `payment:<ref>` or `closed`: one parked copy per logical event however often it is redelivered. */
  eventKey: string;
  event: IntakeEvent;
}

/**
 * What the shell read for the refs a set of events names: customers and accounts by ref, every case
 * and payment of those customers and accounts, regions by id, events parked on those accounts, and
 * the snapshots that showed those accounts current.
 */
export interface IntakeState {
  customers: CustomerRow[];
  accounts: AccountRow[];
  cases: CaseRow[];
  payments: PaymentRow[];
  regions: RegionRow[];
  parked: ParkedEvent[];
  /** Every snapshot that showed one of these accounts current (DPD 0): the boundaries of its episodes. */
  currentSnapshots: { accountId: string; sequence: number; asOf: string }[];
  /** The stored statements of these accounts for the months the events name (absent: none). */
  statements?: { accountId: string; period: string; sourceAt: number }[];
}

/** Every ref the events name, so the shell reads exactly the rows the reducer may touch, in a fixed number of queries. */
export interface IntakeRefs {
  customerRefs: string[];
  accountRefs: string[];
  paymentRefs: string[];
  regionIds: string[];
  /** The months statement events name, so only those stored statements are read (absent: none). */
  statementPeriods?: string[];
}
