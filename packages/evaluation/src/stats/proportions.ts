import { assertConfidence, type Interval } from './interval';
import { normalQuantile } from './normal';

/** A count of successes out of trials, e.g. cured cases out of cases in an arm. */
export interface Proportion {
  successes: number;
  trials: number;
}

function assertProportion({ successes, trials }: Proportion): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`need integers 0 ≤ successes ≤ trials, got ${successes}/${trials}`);
  }
}

/**
 * Wilson score interval for one proportion (Newcombe 1998a, method 3): unlike the Wald interval it
 * stays inside [0, 1] and keeps its coverage at 0 or n successes. `null` when there are no trials.
 *
 * @example wilsonInterval({ successes: 81, trials: 263 }) // lower 0.2553, upper 0.3662
 */
export function wilsonInterval(proportion: Proportion, confidence = 0.95): Interval | null {
  assertProportion(proportion);
  assertConfidence(confidence);
  const { successes, trials } = proportion;
  if (trials === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const estimate = successes / trials;
  const centre = (successes + z2 / 2) / (trials + z2);
  const halfWidth = (z / (trials + z2)) * Math.sqrt((successes * (trials - successes)) / trials + z2 / 4);
  return {
    estimate,
    // At 0 or n successes the bound equals the estimate exactly; rounding must not push it past.
    lower: successes === 0 ? 0 : centre - halfWidth,
    upper: successes === trials ? 1 : centre + halfWidth,
    confidence,
    method: 'wilson-score',
  };
}

/**
 * Interval for p₁ − p₂ of two independent proportions by Newcombe's hybrid score method (Newcombe 1998b,
 * method 10): each side combines the distances from each estimate to its own Wilson limit. `null` when
 * either group has no trials.
 *
 * @example newcombeDifference({ successes: 56, trials: 70 }, { successes: 48, trials: 80 })
 * // estimate 0.2, lower 0.0524, upper 0.3339
 */
export function newcombeDifference(
  first: Proportion,
  second: Proportion,
  confidence = 0.95,
): Interval | null {
  const one = wilsonInterval(first, confidence);
  const two = wilsonInterval(second, confidence);
  if (one === null || two === null) return null;
  const estimate = one.estimate - two.estimate;
  return {
    estimate,
    lower: estimate - Math.hypot(one.estimate - one.lower, two.upper - two.estimate),
    upper: estimate + Math.hypot(one.upper - one.estimate, two.estimate - two.lower),
    confidence,
    method: 'newcombe-hybrid-score',
  };
}
