import type { DelinquencyBucket } from '../bucket';
import { type Assignment, assignCase } from './assignment';
import type { ExperimentDefinition } from './definition';

/** Base cure probabilities by bucket in the simulated portfolios. */
export const BASE_CURE: Record<'M1' | 'M2' | 'M3', number> = { M1: 0.35, M2: 0.25, M3: 0.15 };
const BUCKETS = ['M1', 'M2', 'M3'] as const;

/**
 * One simulated case with a known truth: a bucket drawn evenly, one case in twenty excluded by
 * compliance (never counted in any arm), assigned by the real hash, cured with the bucket's base
 * probability plus the effect of its assignment, and recovering a uniform 1 000–50 000 minor units
 * when cured (mean 25 500).
 */
export function simulatedCase(
  random: () => number,
  experiment: ExperimentDefinition,
  index: number,
  effectOf: (assignment: Assignment) => number,
) {
  const bucket: DelinquencyBucket = BUCKETS[Math.floor(random() * BUCKETS.length)]!;
  const eligibility =
    random() < 0.05
      ? { eligible: false as const, reasons: [{ code: 'compliance.cease-contact', data: {}, message: '' }] }
      : { eligible: true as const };
  const assignment = assignCase(experiment, { caseId: `case-${index}`, bucket, eligibility });
  const cured = random() < BASE_CURE[bucket as keyof typeof BASE_CURE] + effectOf(assignment);
  const recoveredMinor = cured ? 1_000 + Math.floor(random() * 49_001) : 0;
  return { assignment, cured, recoveredMinor };
}
