import { describe, expect, test } from 'vitest';
import { aCreditHistory, aRegion, aSnapshot } from '../../testing/builders';
import { anAccountPosition, aScreeningInput as input } from '../../testing/inputs';
import { weightedRisk } from './weighted-risk';

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

describe('the customer, not the account', () => {
  const otherCard = anAccountPosition({
    account: {
      id: 'acc_2',
      customerId: 'cus_1',
      type: 'credit_card',
      product: 'card',
      currency: 'CNY',
      limitMinor: 5_000_000,
    },
    overdueMinor: 2_000_000,
    dpd: 20,
  });

  test('the amount factor scores the overdue total over all accounts and says how many', () => {
    const alone = screen(input());
    const withCard = screen(input({ otherAccounts: [otherCard] }));
    expect(withCard.score).toBeGreaterThan(alone.score);
    expect(withCard.reasons.map((r) => r.message)).toContain(
      'Overdue 23250.00 CNY across 2 accounts scores 16.3/35',
    );
  });

  test('small arrears on several accounts clear the amount threshold together', () => {
    const small = aSnapshot({ overduePrincipalMinor: 30_000, overdueInterestMinor: 0, overdueFeesMinor: 0 });
    const other = anAccountPosition({ overdueMinor: 30_000 });
    expect(screen(input({ snapshot: small })).eligible).toBe(false);
    const both = screen(input({ snapshot: small, otherAccounts: [other] }));
    expect(both.eligible).toBe(true);
    expect(both.reasons[0]?.message).toBe('Overdue 600.00 CNY >= 500.00 CNY');
  });

  test('accounts in another currency are listed but not added', () => {
    const usd = anAccountPosition({
      account: { ...otherCard.account, currency: 'USD' },
      overdueMinor: 9_000_000,
    });
    expect(screen(input({ otherAccounts: [usd] })).score).toBe(screen(input()).score);
  });
});

test('the options schema rejects all-zero weights', () => {
  const parsed = weightedRisk.options.safeParse({
    ...weightedRisk.defaultOptions,
    weights: { amount: 0, dpd: 0, history: 0, region: 0 },
  });
  expect(parsed.success).toBe(false);
});
