import type { Reason } from '@doorstep/core';
import { assertCurrency } from '../money';
import { assertConfidence, type Interval } from '../stats/interval';
import { sampleSizeForTwoProportions } from '../stats/power';
import { newcombeDifference, wilsonInterval } from '../stats/proportions';
import { type SampleMoments, type WelchInterval, welchDifference } from '../stats/welch';
import type { Arm } from './assignment';
import type { ExperimentDefinition } from './definition';

/**
 * One arm's outcomes over its eligible assigned cases, whether or not the visit happened (intention to
 * treat): what `GROUP BY arm` returns. `recovered` holds each case's amount recovered in minor units;
 * `promises` counts the promises to pay of the arm's cases that fell due in the window and how many
 * were kept (absent: not measured, and the report's promise figures are null).
 */
export interface ArmSummary {
  cases: number;
  cured: number;
  recovered: SampleMoments;
  promises?: PromiseCounts;
}

export interface PromiseCounts {
  due: number;
  kept: number;
}

/** One case's outcome in the experiment, for the reference path and tests. */
export interface CaseOutcome {
  arm: Arm;
  eligible: boolean;
  cured: boolean;
  recoveredMinor: number;
  /** Promises to pay of the case due in the window, and how many of them were kept. */
  promisesDue?: number;
  promisesKept?: number;
}

/** Sums outcomes per arm; excluded cases are left out because no arm could have visited them. */
export function summariseArms(outcomes: readonly CaseOutcome[]): Record<Arm, Required<ArmSummary>> {
  const empty = (): Required<ArmSummary> => ({
    cases: 0,
    cured: 0,
    recovered: { n: 0, sum: 0, sumOfSquares: 0 },
    promises: { due: 0, kept: 0 },
  });
  const arms: Record<Arm, Required<ArmSummary>> = {
    holdout: empty(),
    champion: empty(),
    challenger: empty(),
  };
  for (const outcome of outcomes) {
    if (!outcome.eligible) continue;
    const arm = arms[outcome.arm];
    arm.cases += 1;
    if (outcome.cured) arm.cured += 1;
    arm.recovered.n += 1;
    arm.recovered.sum += outcome.recoveredMinor;
    arm.recovered.sumOfSquares += outcome.recoveredMinor ** 2;
    arm.promises.due += outcome.promisesDue ?? 0;
    arm.promises.kept += outcome.promisesKept ?? 0;
  }
  return arms;
}

export interface ArmResult extends ArmSummary {
  cureRate: number | null;
  cureRateInterval: Interval | null;
  /** Mean amount recovered per case, minor units, not rounded. */
  recoveredPerCase: number | null;
  /** Kept ÷ due over the arm's promises to pay; null when none fell due or they were not measured. */
  promiseKeptRate: number | null;
  promiseKeptRateInterval: Interval | null;
}

export type EffectWarningCode = 'experiment.underpowered' | 'experiment.baseline-unknown' | 'arm.too-small';

export interface Comparison {
  treatment: 'visited' | 'challenger';
  control: 'holdout' | 'champion';
  /** treatment − control cure rate, Newcombe hybrid score interval. */
  cureRateDifference: Interval | null;
  /** treatment − control recovered per case in minor units, Welch interval. */
  recoveredPerCaseDifference: WelchInterval | null;
  /**
   * treatment − control promise-kept rate, Newcombe interval over promises. A case may make several
   * promises, which are not independent, so read it as indicative when many cases promise repeatedly.
   */
  promiseKeptRateDifference: Interval | null;
  power: {
    baselineCureRate: number | null;
    minimumDetectableEffect: number;
    alpha: number;
    power: number;
    /** Cases each arm needs at the planned allocation; `null` without a usable baseline. */
    required: { treatment: number; control: number } | null;
    actual: { treatment: number; control: number };
  };
}

export interface EffectReport {
  experimentId: string;
  currency: string;
  confidence: number;
  arms: { holdout: ArmResult; champion: ArmResult; challenger: ArmResult | null; visited: ArmResult };
  visitedVsHoldout: Comparison;
  challengerVsChampion: Comparison | null;
  warnings: Reason<EffectWarningCode>[];
}

export interface EffectReportInput {
  experiment: ExperimentDefinition;
  currency: string;
  arms: { holdout: ArmSummary; champion: ArmSummary; challenger: ArmSummary | null };
  /** Interval coverage; the power check tests at alpha = 1 − confidence. Default 0.95. */
  confidence?: number;
  /** Power the sample-size check asks for. Default 0.8. */
  power?: number;
}

/**
 * The effect of visits: cure-rate difference between visited (champion + challenger) and held-out cases,
 * and between challenger and champion, each with a Newcombe interval; the same for amount recovered per
 * case with a Welch interval; and whether the arms are large enough for the experiment's stated minimum
 * detectable effect.
 *
 * @example
 * effectReport({ experiment, currency: 'CNY', arms: { holdout, champion, challenger: null } })
 */
export function effectReport(input: EffectReportInput): EffectReport {
  const { experiment, currency, confidence = 0.95, power = 0.8 } = input;
  assertCurrency(currency);
  assertConfidence(confidence);
  const { holdout, champion, challenger } = input.arms;
  const visited = challenger === null ? champion : combine(champion, challenger);
  const h = experiment.holdoutShare;
  const c = experiment.challenger?.share ?? 0;
  const settings = { experiment, confidence, power };
  const visitedVsHoldout = comparisonOf(
    {
      treatment: 'visited',
      control: 'holdout',
      treated: visited,
      untreated: holdout,
      treatedPerControl: (1 - h) / h,
      plannedBaseline: experiment.baselineCureRate,
    },
    settings,
  );
  const challengerVsChampion =
    challenger === null
      ? null
      : comparisonOf(
          {
            treatment: 'challenger',
            control: 'champion',
            treated: challenger,
            untreated: champion,
            treatedPerControl: c / (1 - h - c),
            // The planned baseline is the holdout's; the champion's rate already includes the visits.
            plannedBaseline: null,
          },
          settings,
        );
  const comparisons =
    challengerVsChampion === null ? [visitedVsHoldout] : [visitedVsHoldout, challengerVsChampion];
  return {
    experimentId: experiment.id,
    currency,
    confidence,
    arms: {
      holdout: armResult(holdout, confidence),
      champion: armResult(champion, confidence),
      challenger: challenger === null ? null : armResult(challenger, confidence),
      visited: armResult(visited, confidence),
    },
    visitedVsHoldout,
    challengerVsChampion,
    warnings: comparisons.flatMap(comparisonWarnings),
  };
}

function combine(a: ArmSummary, b: ArmSummary): ArmSummary {
  const combined: ArmSummary = {
    cases: a.cases + b.cases,
    cured: a.cured + b.cured,
    recovered: {
      n: a.recovered.n + b.recovered.n,
      sum: a.recovered.sum + b.recovered.sum,
      sumOfSquares: a.recovered.sumOfSquares + b.recovered.sumOfSquares,
    },
  };
  if (a.promises && b.promises)
    combined.promises = { due: a.promises.due + b.promises.due, kept: a.promises.kept + b.promises.kept };
  return combined;
}

const promiseProportion = (arm: ArmSummary) =>
  arm.promises === undefined ? null : { successes: arm.promises.kept, trials: arm.promises.due };

function armResult(arm: ArmSummary, confidence: number): ArmResult {
  const promises = promiseProportion(arm);
  return {
    ...arm,
    cureRate: arm.cases === 0 ? null : arm.cured / arm.cases,
    cureRateInterval: wilsonInterval({ successes: arm.cured, trials: arm.cases }, confidence),
    recoveredPerCase: arm.recovered.n === 0 ? null : arm.recovered.sum / arm.recovered.n,
    promiseKeptRate: promises === null || promises.trials === 0 ? null : promises.successes / promises.trials,
    promiseKeptRateInterval: promises === null ? null : wilsonInterval(promises, confidence),
  };
}

function comparisonOf(
  pair: {
    treatment: Comparison['treatment'];
    control: Comparison['control'];
    treated: ArmSummary;
    untreated: ArmSummary;
    treatedPerControl: number;
    plannedBaseline: number | null;
  },
  settings: { experiment: ExperimentDefinition; confidence: number; power: number },
): Comparison {
  const { treated, untreated } = pair;
  const { experiment, confidence, power } = settings;
  const alpha = 1 - confidence;
  const baselineCureRate =
    pair.plannedBaseline ?? (untreated.cases === 0 ? null : untreated.cured / untreated.cases);
  const mde = experiment.minimumDetectableEffect;
  const plannable = baselineCureRate !== null && baselineCureRate > 0 && baselineCureRate + mde < 1;
  const required = plannable
    ? sampleSizeForTwoProportions({
        baseline: baselineCureRate,
        minimumDetectableEffect: mde,
        alpha,
        power,
        treatedPerControl: pair.treatedPerControl,
      })
    : null;
  return {
    treatment: pair.treatment,
    control: pair.control,
    cureRateDifference: newcombeDifference(
      { successes: treated.cured, trials: treated.cases },
      { successes: untreated.cured, trials: untreated.cases },
      confidence,
    ),
    recoveredPerCaseDifference: welchDifference(treated.recovered, untreated.recovered, confidence),
    promiseKeptRateDifference: promiseDifference(treated, untreated, confidence),
    power: {
      baselineCureRate,
      minimumDetectableEffect: mde,
      alpha,
      power,
      required: required === null ? null : { treatment: required.treated, control: required.control },
      actual: { treatment: treated.cases, control: untreated.cases },
    },
  };
}

function promiseDifference(treated: ArmSummary, untreated: ArmSummary, confidence: number): Interval | null {
  const a = promiseProportion(treated);
  const b = promiseProportion(untreated);
  return a === null || b === null ? null : newcombeDifference(a, b, confidence);
}

function comparisonWarnings(comparison: Comparison): Reason<EffectWarningCode>[] {
  const { treatment, control, power } = comparison;
  const name = `${treatment} vs ${control}`;
  const warnings: Reason<EffectWarningCode>[] = [];
  if (comparison.cureRateDifference === null || comparison.recoveredPerCaseDifference === null) {
    warnings.push({
      code: 'arm.too-small',
      data: { comparison: name, treatment: power.actual.treatment, control: power.actual.control },
      message: `${name}: an arm has too few cases for an interval (${power.actual.treatment} vs ${power.actual.control})`,
    });
  }
  if (power.required === null) {
    warnings.push({
      code: 'experiment.baseline-unknown',
      data: { comparison: name, baselineCureRate: power.baselineCureRate ?? 'none' },
      message: `${name}: no usable baseline cure rate, so the needed sample size is unknown`,
    });
  } else if (
    power.actual.treatment < power.required.treatment ||
    power.actual.control < power.required.control
  ) {
    warnings.push({
      code: 'experiment.underpowered',
      data: {
        comparison: name,
        minimumDetectableEffect: power.minimumDetectableEffect,
        baselineCureRate: power.baselineCureRate!,
        alpha: power.alpha,
        power: power.power,
        requiredTreatment: power.required.treatment,
        requiredControl: power.required.control,
        actualTreatment: power.actual.treatment,
        actualControl: power.actual.control,
      },
      message:
        `${name}: detecting ${power.minimumDetectableEffect} needs ${power.required.treatment} + ` +
        `${power.required.control} cases, the arms have ${power.actual.treatment} + ${power.actual.control}`,
    });
  }
  return warnings;
}
