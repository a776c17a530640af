import { describe, expect, it } from 'vitest';
import { momentsOf } from '../stats/welch';
import type { ExperimentDefinition } from './definition';
import { type ArmSummary, effectReport, summariseArms } from './effect-report';

const experiment: ExperimentDefinition = {
  id: 'visits-2026q4',
  salt: 'f3a9c1',
  holdoutShare: 0.2,
  challenger: null,
  stratifyBy: 'bucket',
  minimumDetectableEffect: 0.05,
  baselineCureRate: null,
};

function arm(cases: number, cured: number, recovered: number[]): ArmSummary {
  return { cases, cured, recovered: momentsOf(recovered) };
}

describe('effectReport', () => {
  // Visited 56/70 against held out 48/80: Newcombe's example (a), 0.2000 from 0.0524 to 0.3339.
  const visited = arm(70, 56, [1, 2, 3, 4, 5]);
  const holdout = arm(80, 48, [4, 5, 7, 8]);
  const report = effectReport({
    experiment,
    currency: 'CNY',
    arms: { holdout, champion: visited, challenger: null },
  });

  it('reports the cure-rate difference with Newcombe’s interval and each arm with Wilson’s', () => {
    const difference = report.visitedVsHoldout.cureRateDifference!;
    expect(difference.estimate).toBeCloseTo(0.2, 12);
    expect(difference.lower).toBeCloseTo(0.0524, 4);
    expect(difference.upper).toBeCloseTo(0.3339, 4);
    expect(report.arms.visited).toMatchObject({ cases: 70, cured: 56, cureRate: 0.8 });
    expect(report.arms.holdout.cureRateInterval?.lower).toBeCloseTo(0.4905, 4);
  });

  it('reports recovered per case with a Welch interval in minor units', () => {
    const welch = report.visitedVsHoldout.recoveredPerCaseDifference!;
    expect(welch.estimate).toBe(-3);
    expect(welch.degreesOfFreedom).toBeCloseTo(6.047244094488188, 12);
    expect(report.arms.holdout.recoveredPerCase).toBe(6);
  });

  it('warns that 70 + 80 cases cannot detect five points at an 80/20 split', () => {
    // Baseline is the observed holdout rate 0.6. With k = 4: p̄ = 0.64,
    // n_c = [1.95996·√(0.64·0.36·1.25) + 0.84162·√(0.24 + 0.2275/4)]² / 0.05² = 912.5 → 913, n_t = 3650.1 → 3651.
    expect(report.visitedVsHoldout.power.required).toEqual({ treatment: 3651, control: 913 });
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'experiment.underpowered',
        data: expect.objectContaining({
          comparison: 'visited vs holdout',
          requiredTreatment: 3651,
          requiredControl: 913,
          actualTreatment: 70,
          actualControl: 80,
        }),
      }),
    ]);
  });

  it('compares challenger with champion at the planned allocation', () => {
    const withChallenger = { ...experiment, challenger: { policySetVersion: 'screening@2.1.0', share: 0.4 } };
    const result = effectReport({
      experiment: withChallenger,
      currency: 'CNY',
      arms: {
        holdout: arm(2000, 500, [0, 1]),
        champion: arm(4000, 1240, [0, 2]),
        challenger: arm(4000, 1200, [0, 3]),
      },
    });
    expect(result.arms.visited).toMatchObject({ cases: 8000, cured: 2440 });
    expect(result.visitedVsHoldout.cureRateDifference?.estimate).toBeCloseTo(0.305 - 0.25, 12);
    expect(result.challengerVsChampion?.cureRateDifference?.estimate).toBeCloseTo(0.3 - 0.31, 12);
    expect(result.challengerVsChampion?.power.baselineCureRate).toBe(0.31);
    // Challenger and champion get 0.4 each, an even split: p̄ = 0.335,
    // n = [1.95996·√(2·0.335·0.665) + 0.84162·√(0.31·0.69 + 0.36·0.64)]² / 0.05² = 1397.6 → 1398 per arm.
    expect(result.challengerVsChampion?.power.required).toEqual({ treatment: 1398, control: 1398 });
    expect(result.warnings).toEqual([]);
  });

  it('plans visited vs holdout on the stated baseline, and challenger vs champion on the champion', () => {
    const planned = effectReport({
      experiment: {
        ...experiment,
        baselineCureRate: 0.25,
        challenger: { policySetVersion: 'screening@2.1.0', share: 0.4 },
      },
      currency: 'CNY',
      arms: { holdout, champion: visited, challenger: visited },
    });
    expect(planned.visitedVsHoldout.power.baselineCureRate).toBe(0.25);
    expect(planned.challengerVsChampion?.power.baselineCureRate).toBe(0.8);
  });

  it('returns nulls and reasons, never NaN, when arms are empty', () => {
    const empty = arm(0, 0, []);
    const result = effectReport({
      experiment,
      currency: 'CNY',
      arms: { holdout: empty, champion: empty, challenger: null },
    });
    expect(result.visitedVsHoldout.cureRateDifference).toBeNull();
    expect(result.arms.holdout).toMatchObject({
      cureRate: null,
      cureRateInterval: null,
      recoveredPerCase: null,
    });
    expect(result.warnings.map((w) => w.code)).toEqual(['arm.too-small', 'experiment.baseline-unknown']);
    expect(JSON.stringify(result)).not.toContain('NaN');
  });
});

describe('promise-kept rate', () => {
  it('gives each arm a Wilson interval and each comparison a Newcombe difference over promises', () => {
    const withPromises = (summary: ArmSummary, due: number, kept: number): ArmSummary => ({
      ...summary,
      promises: { due, kept },
    });
    const result = effectReport({
      experiment: { ...experiment, challenger: { policySetVersion: '2', share: 0.4 } },
      currency: 'CNY',
      arms: {
        holdout: withPromises(arm(100, 20, [0, 1]), 80, 48),
        champion: withPromises(arm(200, 60, [0, 1]), 70, 56),
        challenger: withPromises(arm(200, 70, [0, 1]), 50, 40),
      },
    });
    expect(result.arms.champion.promiseKeptRate).toBe(0.8);
    expect(result.arms.holdout.promiseKeptRateInterval?.lower).toBeCloseTo(0.4905, 4);
    // Visited 96/120 against held out 48/80.
    expect(result.visitedVsHoldout.promiseKeptRateDifference?.estimate).toBeCloseTo(0.2, 12);
    // Newcombe's example (a) again: 56/70 against 48/80 is 0.2000 from 0.0524 to 0.3339.
    const champion = effectReport({
      experiment,
      currency: 'CNY',
      arms: {
        holdout: withPromises(arm(100, 20, [0, 1]), 80, 48),
        champion: withPromises(arm(200, 60, [0, 1]), 70, 56),
        challenger: null,
      },
    });
    expect(champion.visitedVsHoldout.promiseKeptRateDifference?.lower).toBeCloseTo(0.0524, 4);
    expect(result.challengerVsChampion?.promiseKeptRateDifference?.estimate).toBeCloseTo(0, 12);
  });

  it('is null where promises were not measured', () => {
    const unmeasured = effectReport({
      experiment,
      currency: 'CNY',
      arms: { holdout: arm(80, 48, [0, 1]), champion: arm(70, 56, [0, 1]), challenger: null },
    });
    expect(unmeasured.arms.holdout.promiseKeptRate).toBeNull();
    expect(unmeasured.visitedVsHoldout.promiseKeptRateDifference).toBeNull();
  });
});

describe('summariseArms', () => {
  it('counts eligible cases per arm and leaves excluded ones out', () => {
    const arms = summariseArms([
      { arm: 'holdout', eligible: true, cured: true, recoveredMinor: 500, promisesDue: 2, promisesKept: 1 },
      { arm: 'holdout', eligible: true, cured: false, recoveredMinor: 0 },
      {
        arm: 'champion',
        eligible: true,
        cured: true,
        recoveredMinor: 1_200,
        promisesDue: 1,
        promisesKept: 1,
      },
      {
        arm: 'champion',
        eligible: false,
        cured: true,
        recoveredMinor: 9_999,
        promisesDue: 3,
        promisesKept: 3,
      },
    ]);
    expect(arms.holdout).toEqual({
      cases: 2,
      cured: 1,
      recovered: { n: 2, sum: 500, sumOfSquares: 250_000 },
      promises: { due: 2, kept: 1 },
    });
    expect(arms.champion).toEqual({
      cases: 1,
      cured: 1,
      recovered: { n: 1, sum: 1_200, sumOfSquares: 1_440_000 },
      promises: { due: 1, kept: 1 },
    });
    expect(arms.challenger.cases).toBe(0);
  });
});
