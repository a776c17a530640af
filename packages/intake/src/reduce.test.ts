import { describe, expect, it } from 'vitest';
import { type IntakeEvent, parseEvent } from './events';
import { type IntakeContext, reduceIntake, refsOf } from './reduce';
import type { IntakeState } from './state';

const empty = (): IntakeState => ({
  customers: [],
  accounts: [],
  cases: [],
  payments: [],
  regions: [],
  parked: [],
  currentSnapshots: [],
});

const context = (): IntakeContext => {
  let n = 0;
  return { now: 0, newId: (prefix) => `${prefix}_${++n}` };
};

const snapshot = (sequence: number, dpd: number, overdue: number, day: number): IntakeEvent => ({
  type: 'account.delinquency_updated',
  version: 1,
  occurredAt: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
  data: {
    accountRef: 'A1',
    customerRef: 'C1',
    kind: 'loan',
    product: 'consumer-loan',
    currency: 'CNY',
    limitOrPrincipalMinor: 1_000_000,
    outstandingBalanceMinor: 800_000,
    sequence,
    asOf: `2026-10-${String(day).padStart(2, '0')}T00:00:00Z`,
    dpd,
    overduePrincipalMinor: overdue,
    overdueInterestMinor: 0,
    overdueFeesMinor: 0,
  },
});

const payment = (ref: string, amount: number, day: number): IntakeEvent => ({
  type: 'payment.received',
  version: 1,
  occurredAt: `2026-10-0${day}T12:00:00Z`,
  data: {
    paymentRef: ref,
    accountRef: 'A1',
    amountMinor: amount,
    currency: 'CNY',
    paidAt: `2026-10-0${day}T12:00:00Z`,
  },
});

/**
 * Replays events one reduction at a time, each on the state the previous ones wrote, as separate
 * webhook deliveries would; returns that state with generated ids replaced by what they stand for.
 */
function deliverOneByOne(events: readonly IntakeEvent[]) {
  let state = empty();
  const ctx = context();
  for (const event of events) {
    const { writes } = reduceIntake(state, [event], ctx);
    const upsert = <T extends { id: string; version: number }>(rows: T[], changed: T[]) => {
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const row of changed) byId.set(row.id, { ...row, version: row.version + 1 });
      return [...byId.values()];
    };
    const unparked = new Set(writes.unpark.map((u) => `${u.accountRef}:${u.eventKey}`));
    state = {
      customers: upsert(state.customers, [...writes.customers.insert, ...writes.customers.update]),
      accounts: upsert(
        state.accounts.map((a) => ({ ...a, version: 0 })),
        [
          ...writes.accounts.insert,
          ...writes.accounts.update.map(({ readSequence: _s, readStatus: _t, ...a }) => a),
        ].map((a) => ({ ...a, version: 0 })),
      ).map(({ version: _v, ...a }) => a),
      cases: upsert(state.cases, [...writes.cases.insert, ...writes.cases.update]),
      payments: [...state.payments, ...writes.payments],
      regions: [
        ...state.regions.filter((r) => !writes.regions.some((w) => w.id === r.id)),
        ...writes.regions,
      ],
      parked: [...state.parked.filter((p) => !unparked.has(`${p.accountRef}:${p.eventKey}`)), ...writes.park],
      currentSnapshots: [
        ...state.currentSnapshots,
        ...writes.snapshots
          .filter((w) => w.dpd === 0)
          .map((w) => ({ accountId: w.accountId, sequence: w.sequence, asOf: w.asOf })),
      ],
    };
  }
  const caseOf = state.cases.map(({ id: _i, customerId: _c, accountId: _a, version: _v, ...rest }) => rest);
  return {
    account: state.accounts.map(({ id: _i, customerId: _c, ...rest }) => rest),
    cases: caseOf,
    parked: state.parked.length,
  };
}

describe('reduceIntake', () => {
  it('keeps an older snapshot as history without overwriting the account', () => {
    const ctx = context();
    const first = reduceIntake(empty(), [snapshot(2, 60, 50_000, 2)], ctx);
    const account = first.writes.accounts.insert[0]!;
    const later = reduceIntake({ ...empty(), accounts: [account] }, [snapshot(1, 30, 20_000, 1)], ctx);
    expect(later.outcomes).toEqual(['stale']);
    expect(later.writes.snapshots).toHaveLength(1);
    expect(later.writes.accounts.update).toEqual([]);
  });

  it('parks a payment for an unknown account and replays it when the account arrives', () => {
    const ctx = context();
    const parked = reduceIntake(empty(), [payment('P1', 50_000, 5)], ctx);
    expect(parked.outcomes).toEqual(['parked']);
    const arrived = reduceIntake(
      { ...empty(), parked: parked.writes.park },
      [snapshot(1, 30, 50_000, 1)],
      ctx,
    );
    expect(arrived.writes.unpark).toEqual([{ accountRef: 'A1', eventKey: 'payment:P1' }]);
    expect(arrived.writes.payments).toHaveLength(1);
    expect(arrived.writes.cases.insert[0]).toMatchObject({ status: 'cured', overdueTotal: 0 });
    expect(arrived.writes.endedCases).toEqual([arrived.writes.cases.insert[0]!.id]);
  });

  it('cures on a DPD 0 snapshot and closes on account.closed, each once', () => {
    const cured = reduceIntake(empty(), [snapshot(1, 30, 50_000, 1), snapshot(2, 0, 0, 2)], context());
    expect(cured.writes.cases.insert[0]).toMatchObject({ status: 'cured' });
    const closing: IntakeEvent = {
      type: 'account.closed',
      version: 1,
      occurredAt: '2026-10-03T00:00:00Z',
      data: { accountRef: 'A1', closedAt: '2026-10-03T00:00:00Z' },
    };
    const closed = reduceIntake(empty(), [snapshot(1, 30, 50_000, 1), closing, closing], context());
    expect(closed.outcomes).toEqual(['applied', 'applied', 'duplicate']);
    expect(closed.writes.cases.insert[0]).toMatchObject({ status: 'closed' });
  });

  it('converges whatever order snapshots and payments arrive in', () => {
    const stream = [
      snapshot(1, 20, 20_000, 1),
      snapshot(2, 50, 45_000, 2),
      snapshot(3, 80, 70_000, 3),
      snapshot(4, 0, 0, 6),
      payment('P1', 30_000, 4),
      payment('P2', 40_000, 5),
    ];
    const expected = deliverOneByOne(stream);
    expect(expected.cases).toMatchObject([{ status: 'cured', openSequence: 1, overdueAtOpen: 20_000 }]);
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let round = 0; round < 20; round++) {
      const shuffled = [...stream].sort(() => random() - 0.5);
      expect(deliverOneByOne(shuffled)).toEqual(expected);
    }
  });
});

const statement = (period: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  type: 'account.statement_issued',
  version: 1,
  occurredAt,
  data: {
    accountRef: 'CARD-1',
    customerRef: 'C1',
    product: 'platinum-card',
    currency: 'TWD',
    period,
    limitMinor: 5_000_000,
    balanceMinor: 4_900_000,
    minimumDueMinor: 245_000,
    paymentMinor: 0,
    status: 'revolving',
    ...extra,
  },
});

/** Parsing as the worker does, its clock well after every event here. */
const clock = () => Date.parse('2027-01-01T00:00:00Z');

const parsed = (value: unknown): IntakeEvent => {
  const one = parseEvent(value, clock);
  if (!one.ok) throw new Error(JSON.stringify(one.errors));
  return one.event;
};

describe('account.statement_issued', () => {
  it('creates a current card account and customer it does not know, and stores the statement', () => {
    const { outcomes, writes } = reduceIntake(
      empty(),
      [parsed(statement('2026-09', '2026-10-01T00:00:00Z'))],
      context(),
    );
    expect(outcomes).toEqual(['applied']);
    expect(writes.accounts.insert).toMatchObject([
      { externalRef: 'CARD-1', kind: 'credit_card', status: 'current', limitOrPrincipal: 5_000_000, dpd: 0 },
    ]);
    expect(writes.customers.insert).toHaveLength(1);
    expect(writes.cases.insert).toEqual([]);
    expect(writes.statements).toMatchObject([
      { period: '2026-09', balance: 4_900_000, minimumDue: 245_000, status: 'revolving', monthsLate: 0 },
    ]);
  });

  it('keeps the latest correction of a month, whatever order the copies arrive in', () => {
    const first = parsed(statement('2026-09', '2026-10-01T00:00:00Z', { paymentMinor: 1 }));
    const correction = parsed(statement('2026-09', '2026-10-02T00:00:00Z', { paymentMinor: 2 }));
    const inOrder = reduceIntake(empty(), [first, correction], context());
    const reversed = reduceIntake(empty(), [correction, first], context());
    expect(inOrder.outcomes).toEqual(['applied', 'applied']);
    expect(reversed.outcomes).toEqual(['applied', 'stale']);
    expect(inOrder.writes.statements.map((s) => s.payment)).toEqual([2]);
    expect(reversed.writes.statements.map((s) => s.payment)).toEqual([2]);
  });

  it('knows a stored copy: the same month again is a duplicate, an older one stale', () => {
    const state: IntakeState = {
      ...empty(),
      accounts: [
        {
          id: 'acc_9',
          externalRef: 'CARD-1',
          customerId: 'cus_9',
          kind: 'credit_card',
          product: 'platinum-card',
          currency: 'TWD',
          limitOrPrincipal: 5_000_000,
          status: 'current',
          lastSequence: null,
          lastAsOf: null,
          dpd: 0,
          overdueTotal: 0,
          outstandingBalance: 0,
        },
      ],
      statements: [{ accountId: 'acc_9', period: '2026-09', sourceAt: Date.parse('2026-10-01T00:00:00Z') }],
    };
    const { outcomes, writes } = reduceIntake(
      state,
      [
        parsed(statement('2026-09', '2026-10-01T00:00:00Z')),
        parsed(statement('2026-09', '2026-09-30T00:00:00Z')),
      ],
      context(),
    );
    expect(outcomes).toEqual(['duplicate', 'stale']);
    expect(writes.statements).toEqual([]);
  });

  it('names the statement months so the shell reads only those stored statements', () => {
    const refs = refsOf([parsed(statement('2026-09', '2026-10-01T00:00:00Z'))]);
    expect(refs).toMatchObject({
      accountRefs: ['CARD-1'],
      customerRefs: ['C1'],
      statementPeriods: ['2026-09'],
    });
  });

  it.each([
    ['late without monthsLate', { status: 'late' }, '/data/monthsLate'],
    ['monthsLate when not late', { monthsLate: 2 }, '/data/monthsLate'],
    ['a month 13', { period: '2026-13' }, '/data/period'],
    ['a negative payment', { paymentMinor: -1 }, '/data/paymentMinor'],
  ])('rejects %s with its path', (_name, extra, path) => {
    const one = parseEvent(statement('2026-09', '2026-10-01T00:00:00Z', extra), clock);
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.errors.map((e) => e.path)).toContain(path);
  });
});
