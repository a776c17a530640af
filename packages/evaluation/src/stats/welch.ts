import { assertConfidence, type Interval } from './interval';
import { studentTQuantile } from './student-t';

/**
 * Count, sum and sum of squares of a sample: what SQL `COUNT(x), SUM(x), SUM(x * x)` returns, and all a
 * mean-difference interval needs. Amounts are in minor units.
 */
export interface SampleMoments {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export function momentsOf(values: readonly number[]): SampleMoments {
  let sum = 0;
  let sumOfSquares = 0;
  for (const value of values) {
    sum += value;
    sumOfSquares += value * value;
  }
  return { n: values.length, sum, sumOfSquares };
}

/** Sample mean and unbiased variance; `null` below two observations, where a variance does not exist. */
export function meanAndVariance(moments: SampleMoments): { mean: number; variance: number } | null {
  const { n, sum, sumOfSquares } = moments;
  if (n < 2) return null;
  const mean = sum / n;
  // Cancellation can leave a tiny negative number when every value is equal.
  return { mean, variance: Math.max(0, (sumOfSquares - sum * mean) / (n - 1)) };
}

export interface WelchInterval extends Interval {
  standardError: number;
  degreesOfFreedom: number;
}

/**
 * Interval for mean(first) − mean(second) without assuming equal variances: standard error
 * √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom and a Student-t quantile. `null` when
 * either sample has fewer than two observations.
 */
export function welchDifference(
  first: SampleMoments,
  second: SampleMoments,
  confidence = 0.95,
): WelchInterval | null {
  assertConfidence(confidence);
  const one = meanAndVariance(first);
  const two = meanAndVariance(second);
  if (one === null || two === null) return null;
  const a = one.variance / first.n;
  const b = two.variance / second.n;
  const estimate = one.mean - two.mean;
  const standardError = Math.sqrt(a + b);
  // With no spread in either sample the Satterthwaite ratio is 0/0; the interval is then a point.
  const degreesOfFreedom =
    a + b === 0 ? first.n + second.n - 2 : (a + b) ** 2 / (a ** 2 / (first.n - 1) + b ** 2 / (second.n - 1));
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom) * standardError;
  return {
    estimate,
    lower: estimate - halfWidth,
    upper: estimate + halfWidth,
    confidence,
    method: 'welch-t',
    standardError,
    degreesOfFreedom,
  };
}
