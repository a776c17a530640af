import type { Reason } from '@doorstep/core';
import type { Interval } from '../stats/interval';
import { newcombeDifference, type Proportion, wilsonInterval } from '../stats/proportions';
import { assignmentHash } from './hash';

/**
 * A randomised trial of the lesson offered after a cure: a share of cures is drawn to get no lesson
 * offer (`withheld`), the rest get it (`offered`), and re-default is compared between the two. The
 * draw depends only on the salt and the case id, so any one can be recomputed by hand, and it is made
 * whatever the customer's consent: a customer who opted out is still in their arm (intention to
 * treat), so the arms stay comparable.
 */
export interface EducationExperiment {
  /** Names the experiment in reports; mixed into the hash, so two experiments draw independently. */
  id: string;
  /** Share of cures whose lesson offer is withheld, in (0, 1). */
  withholdShare: number;
}

export type EducationArm = 'offered' | 'withheld';

export interface EducationDraw {
  experimentId: string;
  caseId: string;
  /** The exact text hashed: experiment id and case id joined by U+001F. */
  hashInput: string;
  hash: string;
  draw: number;
  arm: EducationArm;
}

/** The arm of one cure, deterministic: the same experiment and case always draw the same. */
export function drawEducationArm(experiment: EducationExperiment, caseId: string): EducationDraw {
  const hashInput = [experiment.id, caseId].join('\u001f');
  const value = assignmentHash(hashInput);
  const draw = value / 2 ** 32;
  return {
    experimentId: experiment.id,
    caseId,
    hashInput,
    hash: value.toString(16).padStart(8, '0'),
    draw,
    arm: draw < experiment.withholdShare ? 'withheld' : 'offered',
  };
}

/** One arm's cures followed for the whole window, and those that re-defaulted in it. */
export interface EducationArmOutcome {
  observedCures: number;
  reDefaulted: number;
}

export interface EducationEffectReport {
  experimentId: string;
  windowDays: number;
  confidence: number;
  arms: Record<EducationArm, EducationArmOutcome & { reDefaultRate: Interval | null }>;
  /** offered − withheld re-default rate: negative means the lesson kept more customers current. */
  difference: Interval | null;
  warnings: Reason<'arm.empty' | 'experiment.inconclusive'>[];
}

const asProportion = (arm: EducationArmOutcome): Proportion => ({
  successes: arm.reDefaulted,
  trials: arm.observedCures,
});

/**
 * The effect of the lesson offer on re-default, intention to treat: the difference of the two arms'
 * re-default rates with a Newcombe hybrid score interval, each arm's rate with its Wilson interval.
 *
 * @example
 * educationEffect({ experimentId: 'edu-2026', windowDays: 90, arms: { offered: { observedCures: 400, reDefaulted: 48 }, withheld: { observedCures: 100, reDefaulted: 19 } } })
 */
export function educationEffect(input: {
  experimentId: string;
  windowDays: number;
  arms: Record<EducationArm, EducationArmOutcome>;
  confidence?: number;
}): EducationEffectReport {
  const confidence = input.confidence ?? 0.95;
  const { offered, withheld } = input.arms;
  const difference = newcombeDifference(asProportion(offered), asProportion(withheld), confidence);
  const warnings: EducationEffectReport['warnings'] = [];
  for (const [name, arm] of [
    ['offered', offered],
    ['withheld', withheld],
  ] as const)
    if (arm.observedCures === 0)
      warnings.push({
        code: 'arm.empty',
        data: { arm: name, windowDays: input.windowDays },
        message: `No cure of the ${name} arm has been followed for ${input.windowDays} days yet`,
      });
  if (difference !== null && difference.lower < 0 && difference.upper > 0)
    warnings.push({
      code: 'experiment.inconclusive',
      data: { lower: difference.lower, upper: difference.upper },
      message: `The interval (${difference.lower.toFixed(3)}, ${difference.upper.toFixed(3)}) contains no effect`,
    });
  return {
    experimentId: input.experimentId,
    windowDays: input.windowDays,
    confidence,
    arms: {
      offered: { ...offered, reDefaultRate: wilsonInterval(asProportion(offered), confidence) },
      withheld: { ...withheld, reDefaultRate: wilsonInterval(asProportion(withheld), confidence) },
    },
    difference,
    warnings,
  };
}
