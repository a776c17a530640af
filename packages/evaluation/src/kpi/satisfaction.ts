import { type KpiDefinition, type KpiResult, perUnit } from './kpi';
import type { SatisfactionScore, VisitRow } from './rows';

export const satisfaction: KpiDefinition<'satisfaction'> = {
  id: 'satisfaction',
  title: 'Customer satisfaction',
  numerator: 'sum of post-visit scores (1 to 5)',
  denominator: 'visits made that received a score',
  window: {
    kind: 'activity',
    rule: 'A score belongs to the window of its visit’s check-in date; visits without a score are left out.',
  },
  unit: 'mean-score',
  groupBy: ['period', 'region', 'agency', 'agent', 'bucket'],
};

export const satisfactionScores: readonly SatisfactionScore[] = [1, 2, 3, 4, 5];

/** Responses per score: what `GROUP BY satisfaction` returns, pivoted. */
export type SatisfactionCounts = Record<SatisfactionScore, number>;

export interface SatisfactionResult extends KpiResult<'satisfaction'> {
  counts: SatisfactionCounts;
  /** Each score's share of responses; `null` when nobody answered. */
  shares: Record<SatisfactionScore, number | null>;
}

export function countSatisfaction(visitsMade: readonly VisitRow[]): SatisfactionCounts {
  const counts: SatisfactionCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const { satisfaction: score } of visitsMade) if (score !== null) counts[score] += 1;
  return counts;
}

/** The mean score is the value; numerator and denominator are the score total and the responses. */
export function satisfactionOf(counts: SatisfactionCounts): SatisfactionResult {
  const responses = satisfactionScores.reduce((sum, score) => sum + counts[score], 0);
  const total = satisfactionScores.reduce((sum, score) => sum + score * counts[score], 0);
  const share = (score: SatisfactionScore) => (responses === 0 ? null : counts[score] / responses);
  return {
    ...perUnit(satisfaction.id, total, responses),
    counts: { ...counts },
    shares: { 1: share(1), 2: share(2), 3: share(3), 4: share(4), 5: share(5) },
  };
}
