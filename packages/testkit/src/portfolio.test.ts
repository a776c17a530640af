import {
  AccountSchema,
  bucketOf,
  CaseSchema,
  CustomerSchema,
  DelinquencySnapshotSchema,
} from '@doorstep/core';
import { describe, expect, test } from 'vitest';
import { generatePortfolio } from './portfolio';

describe('generatePortfolio', () => {
  const portfolio = generatePortfolio({ seed: 42, size: 5_000 });

  test('is deterministic for a seed', () => {
    expect(generatePortfolio({ seed: 42, size: 50 })).toEqual(generatePortfolio({ seed: 42, size: 50 }));
    expect(generatePortfolio({ seed: 43, size: 50 }).cases).not.toEqual(
      generatePortfolio({ seed: 42, size: 50 }).cases,
    );
  });

  test('produces values the domain schemas accept', () => {
    for (const c of portfolio.cases.slice(0, 200)) {
      CustomerSchema.parse(c.customer);
      AccountSchema.parse(c.account);
      CaseSchema.parse(c.case);
      DelinquencySnapshotSchema.parse(c.snapshot);
    }
    expect(new Set(portfolio.cases.map((c) => c.case.id)).size).toBe(portfolio.cases.length);
  });

  test('DPD follows the bucket shares, early buckets dominating', () => {
    const share = (bucket: string) =>
      portfolio.cases.filter((c) => bucketOf(c.snapshot.dpd) === bucket).length / portfolio.cases.length;
    expect(share('M1')).toBeGreaterThan(0.4);
    expect(share('M1')).toBeLessThan(0.5);
    expect(share('M6+')).toBeGreaterThan(0.05);
    expect(share('M6+')).toBeLessThan(0.09);
  });

  test('overdue amounts grow with DPD and histories worsen with it', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = portfolio.cases.filter((c) => c.snapshot.dpd <= 30);
    const late = portfolio.cases.filter((c) => c.snapshot.dpd > 90);
    expect(mean(late.map((c) => c.snapshot.overduePrincipalMinor))).toBeGreaterThan(
      2 * mean(early.map((c) => c.snapshot.overduePrincipalMinor)),
    );
    expect(mean(late.map((c) => c.history.timesDelinquent12m))).toBeGreaterThan(
      mean(early.map((c) => c.history.timesDelinquent12m)),
    );
    for (const c of portfolio.cases) {
      expect(c.history.timesDelinquent24m).toBeGreaterThanOrEqual(c.history.timesDelinquent12m);
      expect(c.history.maxDpdEver).toBeGreaterThanOrEqual(c.snapshot.dpd);
    }
  });

  test('rare flags are rare but present', () => {
    const disputed = portfolio.cases.filter((c) => c.customer.flags.dispute).length;
    expect(disputed).toBeGreaterThan(10);
    expect(disputed).toBeLessThan(120);
  });
});
