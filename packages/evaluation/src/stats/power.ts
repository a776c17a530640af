import { normalQuantile } from './normal';

export interface TwoProportionPlan {
  /** Cure rate expected without the treatment (the control arm). */
  baseline: number;
  /** Smallest absolute difference in cure rate worth detecting, e.g. 0.05 for five points. */
  minimumDetectableEffect: number;
  /** Two-sided significance level. */
  alpha?: number;
  power?: number;
  /** Treated cases per control case: 4 for a 20 % holdout, 1 for an even split. */
  treatedPerControl?: number;
}

/**
 * Cases needed in each arm to detect `baseline + minimumDetectableEffect` against `baseline` with a
 * two-sided z-test of two proportions, without continuity correction (Fleiss, Levin & Paik 2003, 4.14,
 * generalised to unequal arms):
 *
 * n_c = [z_{1−α/2} √(p̄q̄(1 + 1/k)) + z_{1−β} √(p_c q_c + p_t q_t / k)]² / Δ², n_t = k·n_c,
 * with p̄ = (p_c + k·p_t) / (1 + k). For k = 1 this is R's `power.prop.test`.
 *
 * @example sampleSizeForTwoProportions({ baseline: 0.5, minimumDetectableEffect: 0.25, power: 0.9 })
 * // { control: 77, treated: 77 }
 */
export function sampleSizeForTwoProportions(plan: TwoProportionPlan): { control: number; treated: number } {
  const {
    baseline,
    minimumDetectableEffect: delta,
    alpha = 0.05,
    power = 0.8,
    treatedPerControl: k = 1,
  } = plan;
  const treatedRate = baseline + delta;
  if (!(baseline > 0 && baseline < 1 && treatedRate > 0 && treatedRate < 1 && delta !== 0)) {
    throw new RangeError(
      `need 0 < baseline, baseline + effect < 1 and effect ≠ 0, got ${baseline} + ${delta}`,
    );
  }
  if (!(alpha > 0 && alpha < 1 && power > 0 && power < 1 && k > 0)) {
    throw new RangeError(
      `need alpha and power in (0, 1) and a positive allocation, got ${alpha}, ${power}, ${k}`,
    );
  }
  const pooled = (baseline + k * treatedRate) / (1 + k);
  const null_ = normalQuantile(1 - alpha / 2) * Math.sqrt(pooled * (1 - pooled) * (1 + 1 / k));
  const alternative =
    normalQuantile(power) * Math.sqrt(baseline * (1 - baseline) + (treatedRate * (1 - treatedRate)) / k);
  const control = (null_ + alternative) ** 2 / delta ** 2;
  // A hair of slack so 76.99999999 from rounding does not become 77 when the exact answer is 77.
  return { control: Math.ceil(control - 1e-9), treated: Math.ceil(k * control - 1e-9) };
}
