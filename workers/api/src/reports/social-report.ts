import {
  type SocialPeriodInput,
  type SocialResponsibilitySummary,
  socialResponsibilitySummary,
} from '@doorstep/evaluation';
import type { ReportWindow } from './kpi-sql';
import { socialQueries } from './social-sql';

interface MeasureRow {
  period: string;
  measure: string;
  currency: string | null;
  value: number;
}

const emptyPeriod = (period: string): SocialPeriodInput => ({
  period,
  hardshipPlansAgreed: 0,
  feesWaived: [],
  educationModulesCompleted: 0,
  complaints: 0,
  visitsMade: 0,
  satisfaction: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
});

/** Pivots the per-measure rows into one input per period and lets the evaluation package summarise them. */
export async function socialReport(
  d1: D1Database,
  tenantId: string,
  window: ReportWindow,
  offsetMs: number,
): Promise<SocialResponsibilitySummary> {
  const batches = await d1.batch<MeasureRow>(
    socialQueries(tenantId, window, offsetMs).map((query) => d1.prepare(query.sql).bind(...query.binds)),
  );
  const results = batches.flatMap((batch) => batch.results);
  const periods = new Map<string, SocialPeriodInput>();
  for (const row of results) {
    const input = periods.get(row.period) ?? emptyPeriod(row.period);
    periods.set(row.period, input);
    if (row.measure === 'hardship-plans') input.hardshipPlansAgreed = row.value;
    else if (row.measure === 'fees-waived' && row.currency)
      input.feesWaived = [...input.feesWaived, { amountMinor: row.value, currency: row.currency }];
    else if (row.measure === 'education-completed') input.educationModulesCompleted = row.value;
    else if (row.measure === 'complaints') input.complaints = row.value;
    else if (row.measure === 'visits-unscored') input.visitsMade += row.value;
    else {
      // Every visit made counts once: scored ones arrive per score, unscored ones in one row.
      const score = Number(row.measure.slice('satisfaction-'.length)) as 1 | 2 | 3 | 4 | 5;
      input.satisfaction[score] = row.value;
      input.visitsMade += row.value;
    }
  }
  return socialResponsibilitySummary([...periods.values()]);
}
