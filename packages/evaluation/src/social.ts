import type { Money } from '@doorstep/core';
import {
  type SatisfactionCounts,
  type SatisfactionResult,
  satisfactionOf,
  satisfactionScores,
} from './kpi/satisfaction';
import { sumByCurrency } from './money';

/** One period's responsible-collection counts, as the worker aggregates them. */
export interface SocialPeriodInput {
  /** A sortable period label, e.g. `2026-11` or `2026-W47`. */
  period: string;
  hardshipPlansAgreed: number;
  /** Fees and penalty interest waived, one entry per currency or per waiver; summed per currency. */
  feesWaived: readonly Money[];
  educationModulesCompleted: number;
  complaints: number;
  visitsMade: number;
  satisfaction: SatisfactionCounts;
}

export interface ComplaintRate {
  complaints: number;
  visitsMade: number;
  /** Complaints per 1 000 visits made; `null` without visits. */
  perThousandVisits: number | null;
}

export interface SocialPeriodSummary {
  period: string;
  hardshipPlansAgreed: number;
  feesWaived: Money[];
  educationModulesCompleted: number;
  complaints: ComplaintRate;
  satisfaction: SatisfactionResult;
  /** Mean score minus the previous period's; `null` for the first period or when either has no scores. */
  satisfactionChange: number | null;
}

export interface SocialResponsibilitySummary {
  periods: SocialPeriodSummary[];
  totals: Omit<SocialPeriodSummary, 'period' | 'satisfactionChange'>;
}

/**
 * The programme's responsible-collection record: hardship plans, fees waived, education, complaints and
 * how satisfaction moves from period to period. Periods come out sorted; a period given twice is an error
 * because its counts would be double-reported.
 */
export function socialResponsibilitySummary(
  inputs: readonly SocialPeriodInput[],
): SocialResponsibilitySummary {
  const sorted = [...inputs].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.period === sorted[i - 1]!.period)
      throw new RangeError(`period ${sorted[i]!.period} given twice`);
  }
  let previousMean: number | null = null;
  const periods = sorted.map((input) => {
    const summary = summarise(input);
    const mean = summary.satisfaction.value;
    const satisfactionChange = mean === null || previousMean === null ? null : mean - previousMean;
    previousMean = mean;
    return { period: input.period, ...summary, satisfactionChange };
  });
  const total = (pick: (input: SocialPeriodInput) => number) =>
    sorted.reduce((sum, input) => sum + pick(input), 0);
  const totals = summarise({
    period: 'total',
    hardshipPlansAgreed: total((i) => i.hardshipPlansAgreed),
    feesWaived: sorted.flatMap((i) => i.feesWaived),
    educationModulesCompleted: total((i) => i.educationModulesCompleted),
    complaints: total((i) => i.complaints),
    visitsMade: total((i) => i.visitsMade),
    satisfaction: {
      1: total((i) => i.satisfaction[1]),
      2: total((i) => i.satisfaction[2]),
      3: total((i) => i.satisfaction[3]),
      4: total((i) => i.satisfaction[4]),
      5: total((i) => i.satisfaction[5]),
    },
  });
  return { periods, totals };
}

function summarise(input: SocialPeriodInput): Omit<SocialPeriodSummary, 'period' | 'satisfactionChange'> {
  const counts = {
    hardshipPlansAgreed: input.hardshipPlansAgreed,
    educationModulesCompleted: input.educationModulesCompleted,
    complaints: input.complaints,
    visitsMade: input.visitsMade,
    ...Object.fromEntries(satisfactionScores.map((s) => [`satisfaction ${s}`, input.satisfaction[s]])),
  };
  for (const [name, count] of Object.entries(counts)) {
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`${input.period}: ${name} must be a count, got ${count}`);
  }
  return {
    hardshipPlansAgreed: input.hardshipPlansAgreed,
    feesWaived: sumByCurrency(input.feesWaived),
    educationModulesCompleted: input.educationModulesCompleted,
    complaints: {
      complaints: input.complaints,
      visitsMade: input.visitsMade,
      perThousandVisits: input.visitsMade === 0 ? null : (1000 * input.complaints) / input.visitsMade,
    },
    satisfaction: satisfactionOf(input.satisfaction),
  };
}
