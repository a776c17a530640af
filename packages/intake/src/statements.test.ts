import { describe, expect, it } from 'vitest';
import type { IntakeEvent } from './events';
import { parseEvent } from './events';
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

const parsed = (value: unknown): IntakeEvent => {
  const one = parseEvent(value);
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
    const one = parseEvent(statement('2026-09', '2026-10-01T00:00:00Z', extra));
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.errors.map((e) => e.path)).toContain(path);
  });
});
