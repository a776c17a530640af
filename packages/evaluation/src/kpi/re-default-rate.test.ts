import { describe, expect, it } from 'vitest';
import {
  aggregateReDefault,
  type CuredCase,
  reDefaultOutcomes,
  reDefaultRate3m,
  reDefaultRateOf,
} from './re-default-rate';

const DAY = 86_400_000;
const t0 = Date.parse('2026-01-10T04:00:00Z');
const cure = (caseId: string, customerId: string, days: number, curedOn = '2026-01-10'): CuredCase => ({
  caseId,
  customerId,
  curedAt: t0 + days * DAY,
  curedOn,
  regionId: null,
  agencyId: null,
});

describe('re-default rate', () => {
  const cures = [
    cure('a', 'cus_1', 0),
    cure('b', 'cus_2', 0),
    cure('c', 'cus_3', 0),
    cure('d', 'cus_4', 80, '2026-03-31'),
    cure('e', 'cus_5', 0, '2025-12-31'),
  ];
  const openings = [
    // cus_1 falls behind again on another account 90 days to the millisecond after the cure: inside.
    { customerId: 'cus_1', openedAt: t0 + 90 * DAY },
    // cus_2 one millisecond too late for 3 months.
    { customerId: 'cus_2', openedAt: t0 + 90 * DAY + 1 },
    // cus_3's other case opened before the cure: not a re-default.
    { customerId: 'cus_3', openedAt: t0 - DAY },
    { customerId: 'cus_4', openedAt: t0 + 81 * DAY },
    { customerId: 'cus_5', openedAt: t0 + DAY },
  ];
  const outcomes = reDefaultOutcomes({
    cures,
    openings,
    from: '2026-01-01',
    to: '2026-03-31',
    days: 90,
    asOfMs: t0 + 100 * DAY,
  });

  it('follows each cure of the cohort for the window, from the instant of the cure', () => {
    expect(outcomes.map((o) => [o.caseId, o.observed, o.reDefaulted])).toEqual([
      ['a', true, true],
      ['b', true, false],
      ['c', true, false],
      // Cured 20 days before the report: too young to judge, left out of both counts.
      ['d', false, true],
    ]);
  });

  it('divides re-defaults by the cures whose window has passed', () => {
    expect(reDefaultRateOf(reDefaultRate3m, aggregateReDefault(outcomes))).toEqual({
      definitionId: 're-default-rate.3m',
      numerator: 1,
      denominator: 3,
      value: 1 / 3,
      currency: null,
    });
  });
});
