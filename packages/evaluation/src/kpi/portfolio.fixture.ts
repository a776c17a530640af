import type { DelinquencySnapshotRow, PaymentRow, PromiseRow, VisitRow } from './rows';

/**
 * A seven-account CNY portfolio small enough to work every KPI out by hand; the expectations in the KPI
 * tests are derived from these rows in their comments.
 */
function snapshot(
  accountId: string,
  asOf: string,
  daysPastDue: number,
  overdueMinor: number,
  outstandingMinor: number,
  status: 'open' | 'closed' = 'open',
  sequence = 1,
): DelinquencySnapshotRow {
  return { accountId, asOf, sequence, daysPastDue, overdueMinor, outstandingMinor, currency: 'CNY', status };
}

export const snapshots: DelinquencySnapshotRow[] = [
  snapshot('A', '2026-10-31', 0, 0, 100_000),
  snapshot('B', '2026-10-31', 15, 5_000, 80_000),
  snapshot('B', '2026-11-10', 0, 0, 78_000),
  snapshot('B', '2026-11-30', 5, 1_000, 78_000),
  // Two reports on one date: the higher sequence wins, so C starts in M2, not M1.
  snapshot('C', '2026-10-31', 29, 9_000, 60_000, 'open', 1),
  snapshot('C', '2026-10-31', 45, 12_000, 60_000, 'open', 2),
  snapshot('C', '2026-11-30', 75, 14_000, 60_000),
  snapshot('D', '2026-10-31', 200, 40_000, 40_000),
  snapshot('D', '2026-11-30', 230, 40_000, 40_000),
  snapshot('E', '2026-10-31', 20, 3_000, 20_000),
  snapshot('E', '2026-11-15', 0, 0, 0, 'closed'),
  snapshot('F', '2026-10-31', 0, 0, 0, 'closed'),
  snapshot('G', '2026-11-05', 0, 0, 50_000),
];

function payment(accountId: string, paidOn: string, amountMinor: number): PaymentRow {
  return { accountId, paidOn, amountMinor, currency: 'CNY' };
}

export const payments: PaymentRow[] = [
  payment('A', '2026-10-20', 1_000),
  payment('A', '2026-10-26', 600),
  payment('A', '2026-11-01', 400),
  payment('B', '2026-11-10', 5_000),
  payment('B', '2026-11-25', 2_000),
  payment('C', '2026-10-31', 1_000),
  payment('C', '2026-11-20', 4_000),
  payment('E', '2026-11-15', 20_000),
];

function promise(
  promiseId: string,
  accountId: string,
  madeOn: string,
  dueOn: string,
  amountMinor: number,
): PromiseRow {
  return { promiseId, accountId, madeOn, dueOn, amountMinor, currency: 'CNY' };
}

export const promises: PromiseRow[] = [
  promise('P1', 'B', '2026-11-01', '2026-11-10', 5_000),
  promise('P2', 'C', '2026-11-05', '2026-11-15', 3_000),
  promise('P3', 'D', '2026-11-01', '2026-12-05', 10_000),
  promise('P4', 'E', '2026-11-10', '2026-11-15', 20_000),
  promise('P5', 'A', '2026-10-25', '2026-11-01', 1_000),
];

function visit(
  visitId: string,
  accountId: string,
  plannedOn: string,
  agentIds: string[],
  made: Pick<VisitRow, 'visitedOn' | 'contactResult' | 'satisfaction' | 'costMinor' | 'checkInFar'>,
): VisitRow {
  return { visitId, accountId, plannedOn, agentIds, currency: 'CNY', ...made };
}

export const visits: VisitRow[] = [
  visit('V1', 'B', '2026-11-03', ['a1', 'a2'], {
    visitedOn: '2026-11-03',
    contactResult: 'customer_met',
    satisfaction: 4,
    costMinor: 3_000,
    checkInFar: true,
  }),
  visit('V2', 'C', '2026-11-03', ['a1', 'a2'], {
    visitedOn: '2026-11-03',
    contactResult: 'refused',
    satisfaction: null,
    costMinor: 3_000,
    checkInFar: false,
  }),
  visit('V3', 'D', '2026-11-04', ['a1'], {
    visitedOn: '2026-11-04',
    contactResult: 'third_party_only',
    satisfaction: null,
    costMinor: 2_000,
    checkInFar: null,
  }),
  visit('V4', 'E', '2026-11-04', ['a3'], {
    visitedOn: '2026-11-05',
    contactResult: 'customer_met',
    satisfaction: 5,
    costMinor: 2_500,
    checkInFar: false,
  }),
  visit('V5', 'B', '2026-11-06', ['a3'], {
    visitedOn: null,
    contactResult: null,
    satisfaction: null,
    costMinor: 0,
  }),
  visit('V6', 'C', '2026-10-30', ['a1'], {
    visitedOn: '2026-10-30',
    contactResult: 'customer_met',
    satisfaction: 1,
    costMinor: 2_000,
    checkInFar: true,
  }),
  visit('V7', 'D', '2026-11-20', ['a1', 'a3'], {
    visitedOn: '2026-11-20',
    contactResult: 'customer_met',
    satisfaction: 2,
    costMinor: 4_000,
  }),
];

export const november = { start: '2026-11-01', end: '2026-11-30' };
/** The cohort window: delinquent at the end of 31 October, outcomes through 30 November. */
export const cohortWindow = { start: '2026-10-31', end: '2026-11-30' };
