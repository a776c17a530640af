import { describe, expect, it } from 'vitest';
import {
  accountStatesOn,
  aggregateOverdueAmount,
  aggregateOverdueCount,
  overdueRateByAmount,
  overdueRateByCount,
} from './overdue-rate';
import { snapshots } from './portfolio.fixture';

describe('overdue rate from snapshots', () => {
  // 31 Oct: open A B C D E (F closed, G not yet reported); overdue B C D E; balances 100+80+60+40+20 k.
  // 30 Nov: open A B C D G (E closed); overdue B C D; balances 100+78+60+40+50 k.
  it.each([
    [
      '2026-10-31',
      { accounts: 5, overdueAccounts: 4 },
      0.8,
      { outstandingMinor: 300_000, overdueOutstandingMinor: 200_000 },
    ],
    [
      '2026-11-30',
      { accounts: 5, overdueAccounts: 3 },
      0.6,
      { outstandingMinor: 328_000, overdueOutstandingMinor: 178_000 },
    ],
    [
      '2026-10-01',
      { accounts: 0, overdueAccounts: 0 },
      null,
      { outstandingMinor: 0, overdueOutstandingMinor: 0 },
    ],
  ])('on %s', (date, count, countRate, amount) => {
    const states = accountStatesOn(snapshots, date);
    expect(aggregateOverdueCount(states)).toEqual(count);
    expect(overdueRateByCount(count)).toEqual({
      definitionId: 'overdue-rate.count',
      numerator: count.overdueAccounts,
      denominator: count.accounts,
      value: countRate,
      currency: null,
    });
    const byAmount = aggregateOverdueAmount(states, 'CNY');
    expect(byAmount).toEqual({ currency: 'CNY', ...amount });
    expect(overdueRateByAmount(byAmount).value).toBe(
      amount.outstandingMinor === 0 ? null : amount.overdueOutstandingMinor / amount.outstandingMinor,
    );
  });

  it('reads the later report of a date and refuses to add currencies together', () => {
    const states = accountStatesOn(snapshots, '2026-10-31');
    expect(states.find((s) => s.accountId === 'C')?.bucket).toBe('M2');
    expect(() => aggregateOverdueAmount(states, 'USD')).toThrow(RangeError);
  });

  it('rejects aggregates that cannot come from one population', () => {
    expect(() => overdueRateByCount({ accounts: 2, overdueAccounts: 3 })).toThrow(RangeError);
    expect(() => overdueRateByCount({ accounts: -1, overdueAccounts: 0 })).toThrow(RangeError);
    expect(() =>
      overdueRateByAmount({ currency: 'CNY', outstandingMinor: 10.5, overdueOutstandingMinor: 1 }),
    ).toThrow(RangeError);
  });
});
