import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../stats/prng';
import type { Arm } from './assignment';
import type { ExperimentDefinition } from './definition';
import { type CaseOutcome, effectReport, summariseArms } from './effect-report';
import { simulatedCase } from './simulation.fixture';

/**
 * Champion against challenger with a known truth per arm. Base cure probabilities depend on the bucket;
 * a visit under the champion's policies adds 6 points and under the challenger's 10, so the challenger's
 * true advantage over the champion is +0.04 in cure rate and 0.04 × 25 500 = 1 020 minor units recovered
 * per case (a cured case recovers a uniform 1 000–50 000). A met customer promises to pay with
 * probability 0.5 and keeps it with probability 0.55 in the holdout (no visit, a promise made by phone),
 * 0.6 under the champion and 0.7 under the challenger: +0.10 kept.
 *
 * Assignment is the real hash, salted per replication: holdout 20 %, challenger 40 %, champion 40 %.
 */
const REPLICATIONS = 200;
const CASES = 4_000;
const CURE_EFFECT: Record<Arm, number> = { holdout: 0, champion: 0.06, challenger: 0.1 };
const KEPT: Record<Arm, number> = { holdout: 0.55, champion: 0.6, challenger: 0.7 };
const TRUE_CURE_DIFFERENCE = CURE_EFFECT.challenger - CURE_EFFECT.champion;
const TRUE_RECOVERY_DIFFERENCE = TRUE_CURE_DIFFERENCE * 25_500;
const TRUE_KEPT_DIFFERENCE = KEPT.challenger - KEPT.champion;

function simulateExperiment(replication: number) {
  const random = mulberry32(0xc4a11 + replication);
  const experiment: ExperimentDefinition = {
    id: 'challenger-simulation',
    salt: `replication-${replication}`,
    holdoutShare: 0.2,
    challenger: { policySetVersion: '2', share: 0.4 },
    stratifyBy: 'bucket',
    minimumDetectableEffect: 0.04,
    baselineCureRate: null,
  };
  const outcomes: CaseOutcome[] = [];
  for (let i = 0; i < CASES; i++) {
    const { assignment, cured, recoveredMinor } = simulatedCase(random, experiment, i, (a) =>
      a.eligible ? CURE_EFFECT[a.arm] : 0,
    );
    const { arm, eligible } = assignment;
    const promised = random() < 0.5;
    const kept = promised && random() < KEPT[arm];
    outcomes.push({
      arm,
      eligible,
      cured,
      recoveredMinor,
      promisesDue: promised ? 1 : 0,
      promisesKept: kept ? 1 : 0,
    });
  }
  const arms = summariseArms(outcomes);
  return effectReport({ experiment, currency: 'CNY', arms });
}

describe(`champion against challenger over ${REPLICATIONS} seeded experiments of ${CASES} cases`, () => {
  const comparisons = Array.from(
    { length: REPLICATIONS },
    (_, r) => simulateExperiment(r).challengerVsChampion!,
  );
  const coverage = (intervals: ({ lower: number; upper: number } | null)[], truth: number) =>
    intervals.filter((i) => i !== null && i.lower <= truth && truth <= i.upper).length / intervals.length;

  it('the challenger-vs-champion cure-rate interval covers the true +0.04 in at least 93 % of runs', () => {
    // 200 runs estimate a 95 % coverage with a standard error of 0.015.
    const covered = coverage(
      comparisons.map((c) => c.cureRateDifference),
      TRUE_CURE_DIFFERENCE,
    );
    expect(covered).toBeGreaterThanOrEqual(0.93);
    expect(covered).toBeLessThanOrEqual(0.99);
  });

  it('the recovered-per-case and promise-kept intervals cover their truths too', () => {
    expect(
      coverage(
        comparisons.map((c) => c.recoveredPerCaseDifference),
        TRUE_RECOVERY_DIFFERENCE,
      ),
    ).toBeGreaterThanOrEqual(0.93);
    expect(
      coverage(
        comparisons.map((c) => c.promiseKeptRateDifference),
        TRUE_KEPT_DIFFERENCE,
      ),
    ).toBeGreaterThanOrEqual(0.93);
  });

  it('estimates the challenger’s advantage without bias, and the intervals are narrow enough to matter', () => {
    const estimates = comparisons.map((c) => c.cureRateDifference!.estimate);
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const sd = Math.sqrt(estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (estimates.length - 1));
    expect(Math.abs(mean - TRUE_CURE_DIFFERENCE)).toBeLessThan((3 * sd) / Math.sqrt(estimates.length));
    // Most runs of this size tell the challenger apart from the champion (the interval excludes 0).
    const detected = comparisons.filter((c) => c.cureRateDifference!.lower > 0).length / REPLICATIONS;
    expect(detected).toBeGreaterThan(0.5);
  });
});
