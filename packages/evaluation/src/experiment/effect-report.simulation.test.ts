import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../stats/prng';
import type { ExperimentDefinition } from './definition';
import { type CaseOutcome, effectReport, summariseArms } from './effect-report';
import { simulatedCase } from './simulation.fixture';

/**
 * Portfolios with a known truth: visiting raises every case's cure probability by 6 points over a base
 * that depends on the bucket, and a cured case recovers a uniform 1 000–50 000 minor units. The true
 * effects are therefore +0.06 on the cure rate and 0.06 × 25 500 = 1 530 on amount recovered per case.
 */
const REPLICATIONS = 500;
const CASES = 3_000;
const TRUE_EFFECT = 0.06;
const TRUE_RECOVERY_EFFECT = TRUE_EFFECT * 25_500;

function simulatePortfolio(replication: number) {
  const random = mulberry32(0x5eed + replication);
  const experiment: ExperimentDefinition = {
    id: 'simulation',
    salt: `replication-${replication}`,
    holdoutShare: 0.2,
    challenger: null,
    stratifyBy: 'bucket',
    minimumDetectableEffect: TRUE_EFFECT,
    baselineCureRate: null,
  };
  const outcomes: CaseOutcome[] = [];
  for (let i = 0; i < CASES; i++) {
    const { assignment, cured, recoveredMinor } = simulatedCase(random, experiment, i, (a) =>
      a.treated ? TRUE_EFFECT : 0,
    );
    outcomes.push({ arm: assignment.arm, eligible: assignment.eligible, cured, recoveredMinor });
  }
  const arms = summariseArms(outcomes);
  return effectReport({
    experiment,
    currency: 'CNY',
    arms: { holdout: arms.holdout, champion: arms.champion, challenger: null },
  });
}

describe(`effect report over ${REPLICATIONS} simulated portfolios of ${CASES} cases`, () => {
  const reports = Array.from({ length: REPLICATIONS }, (_, r) => simulatePortfolio(r));
  const cure = reports.map((r) => r.visitedVsHoldout.cureRateDifference!);
  const recovery = reports.map((r) => r.visitedVsHoldout.recoveredPerCaseDifference!);
  const share = (hits: boolean[]) => hits.filter(Boolean).length / hits.length;
  const estimates = cure.map((i) => i.estimate);
  const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
  const empiricalSd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (estimates.length - 1));

  it('covers the true cure-rate effect about 95 % of the time (Newcombe)', () => {
    // With 500 replications the coverage estimate has a standard error of 0.0097.
    const coverage = share(cure.map((i) => i.lower <= TRUE_EFFECT && TRUE_EFFECT <= i.upper));
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });

  it('estimates the cure-rate effect without bias', () => {
    expect(Math.abs(mean - TRUE_EFFECT)).toBeLessThan((3 * empiricalSd) / Math.sqrt(estimates.length));
  });

  it('covers the true recovered-per-case effect about 95 % of the time (Welch)', () => {
    const coverage = share(
      recovery.map((i) => i.lower <= TRUE_RECOVERY_EFFECT && TRUE_RECOVERY_EFFECT <= i.upper),
    );
    expect(coverage).toBeGreaterThanOrEqual(0.92);
    expect(coverage).toBeLessThanOrEqual(0.98);
  });

  it('reports a standard error that matches the spread of its estimates', () => {
    // Newcombe's half-width over 1.96 is an implied standard error; it should match the empirical one.
    const implied = cure.reduce((sum, i) => sum + (i.upper - i.lower) / (2 * 1.959964), 0) / cure.length;
    expect(implied / empiricalSd).toBeGreaterThan(0.9);
    expect(implied / empiricalSd).toBeLessThan(1.1);
  });
});
