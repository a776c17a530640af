import { describe, expect, test } from 'vitest';
import type { ScreeningInput } from '../../contracts/screening';
import {
  aCase,
  aCreditHistory,
  aCustomer,
  aLoanAccount,
  aRegion,
  aSnapshot,
  aTenant,
} from '../../testing/builders';
import { weightedRisk } from './weighted-risk';

const input = (overrides: Partial<ScreeningInput> = {}): ScreeningInput => ({
  now: '2026-03-01T00:00:00Z',
  tenant: aTenant(),
  customer: aCustomer(),
  account: aLoanAccount(),
  case: aCase(),
  snapshot: aSnapshot(),
  history: aCreditHistory(),
  region: aRegion(),
  ...overrides,
});

const screen = weightedRisk.create(weightedRisk.defaultOptions).screen;

describe('eligibility', () => {
  test.each([
    [
      'both thresholds met',
      aSnapshot({ dpd: 30, overduePrincipalMinor: 50_000, overdueInterestMinor: 0, overdueFeesMinor: 0 }),
      true,
      ['amount.over-threshold', 'dpd.over-threshold'],
    ],
    ['DPD below', aSnapshot({ dpd: 29 }), false, ['amount.over-threshold', 'dpd.under-threshold']],
    [
      'amount below',
      aSnapshot({ overduePrincipalMinor: 49_999, overdueInterestMinor: 0, overdueFeesMinor: 0 }),
      false,
      ['amount.under-threshold', 'dpd.over-threshold'],
    ],
    ['other currency', aSnapshot({ currency: 'USD' }), false, ['currency.mismatch']],
  ])('%s', (_name, snapshot, eligible, codes) => {
    const verdict = screen(input({ snapshot }));
    expect(verdict.eligible).toBe(eligible);
    expect(verdict.reasons.slice(0, codes.length).map((r) => r.code)).toEqual(codes);
    if (!eligible) expect(verdict.score).toBe(0);
  });

  test('messages state the facts', () => {
    const [amount, dpd] = screen(input({ snapshot: aSnapshot({ dpd: 62 }) })).reasons;
    expect(amount?.message).toBe('Overdue 3250.00 CNY >= 500.00 CNY');
    expect(dpd?.message).toBe('DPD 62 >= 30');
  });
});

describe('priority', () => {
  // Defaults: weights 35/30/20/15 of 100; amount saturates at 50,000.00, DPD at 180, history at 10 points.
  test.each([
    [
      'minimal risk',
      aSnapshot({ dpd: 30, overduePrincipalMinor: 50_000, overdueInterestMinor: 0, overdueFeesMinor: 0 }),
      aCreditHistory(),
      0,
      0.4 + 5 + 0 + 0,
    ],
    [
      'saturated amount and DPD',
      aSnapshot({ dpd: 400, overduePrincipalMinor: 9_000_000 }),
      aCreditHistory(),
      1,
      35 + 30 + 0 + 15,
    ],
    [
      'bad history',
      aSnapshot({ dpd: 180, overduePrincipalMinor: 5_000_000, overdueInterestMinor: 0, overdueFeesMinor: 0 }),
      aCreditHistory({ timesDelinquent12m: 2, timesDelinquent24m: 4, brokenPromises: 3 }),
      0.5,
      35 + 30 + (20 * (2 + 1 + 6)) / 10 + 7.5,
    ],
  ])('%s', (_name, snapshot, history, risk, expected) => {
    const verdict = screen(input({ snapshot, history, region: aRegion({ riskScore: risk }) }));
    expect(verdict.eligible).toBe(true);
    expect(verdict.score).toBeCloseTo(expected, 5);
    expect(verdict.reasons.map((r) => r.code)).toEqual([
      'amount.over-threshold',
      'dpd.over-threshold',
      'factor.amount',
      'factor.dpd',
      'factor.history',
      'factor.region',
    ]);
  });

  test('an unassessed region takes the configured default and says so', () => {
    const verdict = screen(input({ region: null }));
    const region = verdict.reasons.at(-1);
    expect(region?.code).toBe('factor.region-unknown');
    expect(region?.message).toBe('Region reg_sz not assessed; assumed risk 0.5 scores 7.5/15');
  });

  test('weights are configurable and normalised', () => {
    const dpdOnly = weightedRisk.create({
      ...weightedRisk.defaultOptions,
      weights: { amount: 0, dpd: 2, history: 0, region: 0 },
    }).screen;
    expect(dpdOnly(input({ snapshot: aSnapshot({ dpd: 90 }) })).score).toBe(50);
  });

  test('higher DPD never lowers priority', () => {
    let previous = -1;
    for (let dpd = 30; dpd <= 400; dpd += 10) {
      const score = screen(input({ snapshot: aSnapshot({ dpd }) })).score;
      expect(score).toBeGreaterThanOrEqual(previous);
      previous = score;
    }
  });
});

test('the options schema rejects all-zero weights', () => {
  const parsed = weightedRisk.options.safeParse({
    ...weightedRisk.defaultOptions,
    weights: { amount: 0, dpd: 0, history: 0, region: 0 },
  });
  expect(parsed.success).toBe(false);
});
