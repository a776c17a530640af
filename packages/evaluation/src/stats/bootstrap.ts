import { assertConfidence, type Interval } from './interval';
import { mulberry32 } from './prng';

export interface BootstrapOptions {
  /** Same seed, same interval: reports can be reproduced and audited. */
  seed: number;
  resamples?: number;
  confidence?: number;
}

export interface BootstrapInterval extends Interval {
  resamples: number;
  seed: number;
}

/**
 * Percentile bootstrap interval for mean(first) − mean(second): resample each group with replacement,
 * take the difference of means, and read the interval off the sorted differences. A cross-check on
 * Welch for amounts recovered, which are skewed (most cases pay nothing, a few pay a lot). Needs the
 * per-case values, not just sums; `null` when a group is empty.
 */
export function bootstrapMeanDifference(
  first: readonly number[],
  second: readonly number[],
  options: BootstrapOptions,
): BootstrapInterval | null {
  const { seed, resamples = 2000, confidence = 0.95 } = options;
  assertConfidence(confidence);
  if (!Number.isInteger(resamples) || resamples < 100) {
    throw new RangeError(`need at least 100 resamples, got ${resamples}`);
  }
  if (first.length === 0 || second.length === 0) return null;
  const random = mulberry32(seed);
  const resampledMean = (values: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)]!;
    return sum / values.length;
  };
  const differences = Float64Array.from(
    { length: resamples },
    () => resampledMean(first) - resampledMean(second),
  );
  differences.sort();
  const tail = (1 - confidence) / 2;
  return {
    estimate: mean(first) - mean(second),
    lower: quantileOfSorted(differences, tail),
    upper: quantileOfSorted(differences, 1 - tail),
    confidence,
    method: 'percentile-bootstrap',
    resamples,
    seed,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Linear interpolation between order statistics (Hyndman & Fan type 7, the R and NumPy default). */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}
