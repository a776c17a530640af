import { describe, expect, it } from 'vitest';
import { type SocialPeriodInput, socialResponsibilitySummary } from './social';

const none = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };

const october: SocialPeriodInput = {
  period: '2026-10',
  hardshipPlansAgreed: 4,
  feesWaived: [
    { amountMinor: 12_000, currency: 'CNY' },
    { amountMinor: 3_500, currency: 'CNY' },
  ],
  educationModulesCompleted: 9,
  complaints: 2,
  visitsMade: 400,
  satisfaction: { 1: 1, 2: 1, 3: 2, 4: 4, 5: 2 },
};
const november: SocialPeriodInput = {
  period: '2026-11',
  hardshipPlansAgreed: 6,
  feesWaived: [
    { amountMinor: 20_000, currency: 'CNY' },
    { amountMinor: 900, currency: 'USD' },
  ],
  educationModulesCompleted: 15,
  complaints: 1,
  visitsMade: 500,
  satisfaction: { 1: 0, 2: 1, 3: 1, 4: 4, 5: 4 },
};
const december: SocialPeriodInput = {
  ...november,
  period: '2026-12',
  visitsMade: 0,
  complaints: 0,
  satisfaction: none,
};

describe('socialResponsibilitySummary', () => {
  // October mean (1 + 2 + 6 + 16 + 10) / 10 = 3.5; November (2 + 3 + 16 + 20) / 10 = 4.1.
  const summary = socialResponsibilitySummary([december, november, october]);

  it('sorts periods and follows satisfaction from one to the next', () => {
    expect(summary.periods.map((p) => [p.period, p.satisfaction.value, p.satisfactionChange])).toEqual([
      ['2026-10', 3.5, null],
      ['2026-11', 4.1, expect.closeTo(0.6, 12)],
      ['2026-12', null, null],
    ]);
  });

  it('rates complaints per thousand visits and sums waivers per currency', () => {
    expect(summary.periods[0]).toMatchObject({
      feesWaived: [{ amountMinor: 15_500, currency: 'CNY' }],
      complaints: { complaints: 2, visitsMade: 400, perThousandVisits: 5 },
    });
    expect(summary.periods[2]?.complaints.perThousandVisits).toBeNull();
  });

  it('totals every period', () => {
    expect(summary.totals).toMatchObject({
      hardshipPlansAgreed: 16,
      educationModulesCompleted: 39,
      feesWaived: [
        { amountMinor: 55_500, currency: 'CNY' },
        { amountMinor: 1_800, currency: 'USD' },
      ],
      complaints: { complaints: 3, visitsMade: 900, perThousandVisits: 10 / 3 },
      satisfaction: { numerator: 76, denominator: 20, value: 3.8 },
    });
  });

  it('refuses a period given twice and counts that are not counts', () => {
    expect(() => socialResponsibilitySummary([october, october])).toThrow(/given twice/);
    expect(() => socialResponsibilitySummary([{ ...october, complaints: -1 }])).toThrow(RangeError);
    expect(socialResponsibilitySummary([])).toMatchObject({
      periods: [],
      totals: { satisfaction: { value: null } },
    });
  });
});
