import { describe, expect, it } from 'vitest';
import { delinquentCohort } from './cohort';
import { aggregateCure, cureRateOf } from './cure-rate';
import { cohortWindow, payments, snapshots } from './portfolio.fixture';
import { aggregateRecovery, recoveryRateOf } from './recovery-rate';

describe('delinquent cohort, cure and recovery', () => {
  it('follows each account of the 31 October cohort', () => {
    // B cures on 10 Nov (the relapse on 30 Nov does not undo it); E closes paid on 15 Nov.
    // Collections in (31 Oct, 30 Nov]: B 5 000 + 2 000 capped at 5 000; C's 31 Oct payment is before the
    // window, 4 000 counts; E 20 000 capped at its 3 000 arrears; D pays nothing.
    expect(delinquentCohort(snapshots, payments, cohortWindow)).toEqual([
      {
        accountId: 'B',
        bucketAtStart: 'M1',
        currency: 'CNY',
        overdueAtStartMinor: 5_000,
        cured: true,
        collectedMinor: 5_000,
      },
      {
        accountId: 'C',
        bucketAtStart: 'M2',
        currency: 'CNY',
        overdueAtStartMinor: 12_000,
        cured: false,
        collectedMinor: 4_000,
      },
      {
        accountId: 'D',
        bucketAtStart: 'M6+',
        currency: 'CNY',
        overdueAtStartMinor: 40_000,
        cured: false,
        collectedMinor: 0,
      },
      {
        accountId: 'E',
        bucketAtStart: 'M1',
        currency: 'CNY',
        overdueAtStartMinor: 3_000,
        cured: true,
        collectedMinor: 3_000,
      },
    ]);
  });

  it.each([
    ['the month', cohortWindow, { delinquentAtStart: 4, cured: 2 }, 0.5, 12_000, 60_000, 0.2],
    [
      'an empty window',
      { start: '2026-10-31', end: '2026-10-31' },
      { delinquentAtStart: 4, cured: 0 },
      0,
      0,
      60_000,
      0,
    ],
    [
      'before any snapshot',
      { start: '2026-09-30', end: '2026-10-31' },
      { delinquentAtStart: 0, cured: 0 },
      null,
      0,
      0,
      null,
    ],
  ])('over %s', (_, window, cure, cureValue, collected, overdue, recoveryValue) => {
    const cohort = delinquentCohort(snapshots, payments, window);
    expect(aggregateCure(cohort)).toEqual(cure);
    expect(cureRateOf(cure)).toEqual({
      definitionId: 'cure-rate',
      numerator: cure.cured,
      denominator: cure.delinquentAtStart,
      value: cureValue,
      currency: null,
    });
    const recovery = aggregateRecovery(cohort, 'CNY');
    expect(recovery).toEqual({ currency: 'CNY', collectedMinor: collected, overdueAtStartMinor: overdue });
    expect(recoveryRateOf(recovery)).toMatchObject({ value: recoveryValue, currency: 'CNY' });
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => delinquentCohort(snapshots, payments, { start: '2026-11-30', end: '2026-11-01' })).toThrow(
      RangeError,
    );
  });
});
