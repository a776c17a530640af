import type { Reason } from '@doorstep/core';

export interface EarlyWarningRow {
  scored_on: string;
  account_id: string;
  account_ref: string;
  product: string;
  customer_id: string;
  customer_ref: string;
  name: string;
  phone: string | null;
  model: string;
  probability: number;
  band: string;
  action: 'none' | 'reminder' | 'call';
  reasons: string;
  action_reasons: string;
  latest_period: string;
}

export type EarlyWarningCursor = [scoredOn: string, probability: number, accountId: string];

export interface EarlyWarningFilter {
  action?: 'none' | 'reminder' | 'call' | undefined;
  band?: string | undefined;
}

/** The day of the tenant's latest completed scoring run: a list never mixes two days or half a run. */
export async function latestScoredOn(d1: D1Database, tenantId: string): Promise<string | null> {
  const row = await d1
    .prepare(`SELECT max(scored_on) AS day FROM risk_runs WHERE tenant_id = ?1 AND status = 'completed'`)
    .bind(tenantId)
    .first<{ day: string | null }>();
  return row?.day ?? null;
}

/**
 * One page of a day's scores for accounts that are not overdue, most likely to miss first (then by
 * account id, so equal scores page stably). An account that fell overdue since leaves the list: its
 * case is screening's business now.
 */
export async function listEarlyWarnings(
  d1: D1Database,
  tenantId: string,
  scoredOn: string,
  filter: EarlyWarningFilter,
  page: { limit: number; after: EarlyWarningCursor | null },
): Promise<EarlyWarningRow[]> {
  const after = page.after;
  const { results } = await d1
    .prepare(
      `SELECT rs.scored_on, rs.account_id, a.external_ref AS account_ref, a.product, rs.customer_id,
         c.external_ref AS customer_ref, c.name, c.phone, rs.model, rs.probability, rs.band, rs.action,
         rs.reasons, rs.action_reasons, rs.latest_period
       FROM risk_scores rs
       JOIN accounts a ON a.tenant_id = rs.tenant_id AND a.id = rs.account_id
       JOIN customers c ON c.tenant_id = rs.tenant_id AND c.id = rs.customer_id
       WHERE rs.tenant_id = ?1 AND rs.scored_on = ?2 AND a.status = 'current'
         AND (?3 IS NULL OR rs.action = ?3) AND (?4 IS NULL OR rs.band = ?4)
         AND (?5 IS NULL OR rs.probability < ?5 OR (rs.probability = ?5 AND rs.account_id > ?6))
       ORDER BY rs.probability DESC, rs.account_id
       LIMIT ?7`,
    )
    .bind(
      tenantId,
      scoredOn,
      filter.action ?? null,
      filter.band ?? null,
      after?.[1] ?? null,
      after?.[2] ?? '',
      page.limit + 1,
    )
    .all<EarlyWarningRow>();
  return results;
}

export const reasonsOf = (json: string): Reason[] => JSON.parse(json) as Reason[];
