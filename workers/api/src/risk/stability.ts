import type { RiskModelFunctions, StabilityReport } from '@doorstep/core';
import { historiesOf, historiesSql, type StatementHistoryRow } from './histories';

/**
 * PSI of a tenant's portfolio against the model's training rows, on a sample of its accounts with
 * statements (closed ones left out). Account ids are random, so the first `sample` in id order are a
 * random sample; PSI over a few thousand accounts reads the same as over all of them, at a bounded
 * cost per request.
 */
export async function portfolioStability(
  d1: D1Database,
  tenantId: string,
  model: RiskModelFunctions,
  sample: number,
  now: string,
): Promise<StabilityReport & { sampled: number }> {
  const accounts = `SELECT DISTINCT s.account_id FROM statements s
    JOIN accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id AND a.status <> 'closed'
    WHERE s.tenant_id = ?1 ORDER BY s.account_id LIMIT ?2`;
  const { results } = await d1
    .prepare(historiesSql(accounts))
    .bind(tenantId, sample)
    .all<StatementHistoryRow>();
  const histories = historiesOf(results, now);
  return { ...model.stability(histories.map((h) => h.input)), sampled: histories.length };
}
