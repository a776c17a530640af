import type { RiskModelFunctions } from '@doorstep/core';
import { type AccountHistory, historiesOf, historiesSql, type StatementHistoryRow } from './histories';

/** Accounts per chunk: one queue message scores at most this many (bounded CPU, rows and batch size). */
export const RISK_CHUNK_SIZE = 200;

export interface RiskRunRef {
  id: string;
  tenantId: string;
  scoredOn: string;
  afterAccountId: string | null;
}

export interface ScoredAccount {
  accountId: string;
  customerId: string;
  model: string;
  probability: number;
  band: string;
  action: string;
  reasons: unknown[];
  actionReasons: unknown[];
  latestPeriod: string;
  /** Not overdue and an action other than none: an early warning. */
  warned: boolean;
}

/** The next chunk of the tenant's accounts with statements, after the run's cursor, with their histories. */
export async function loadRiskChunk(d1: D1Database, run: RiskRunRef, now: string): Promise<AccountHistory[]> {
  const chunk = `SELECT DISTINCT account_id FROM statements WHERE tenant_id = ?1 AND account_id > ?2
                 ORDER BY account_id LIMIT ${RISK_CHUNK_SIZE}`;
  const { results } = await d1
    .prepare(historiesSql(chunk))
    .bind(run.tenantId, run.afterAccountId ?? '')
    .all<StatementHistoryRow>();
  return historiesOf(results, now);
}

/**
 * Decide (pure): each account's assessment by the tenant's model and the action its policy set
 * chooses. An account that cannot be scored (too short a history, a gap, an unknown currency) is
 * counted, not stored.
 */
export function scoreAccounts(
  model: RiskModelFunctions,
  histories: readonly AccountHistory[],
): { scored: ScoredAccount[]; unscored: number } {
  const scored: ScoredAccount[] = [];
  let unscored = 0;
  for (const history of histories) {
    const assessment = model.assess(history.input);
    if (!assessment.scored) {
      unscored++;
      continue;
    }
    const decision = model.decide(assessment);
    scored.push({
      accountId: history.accountId,
      customerId: history.customerId,
      model: `${assessment.modelId}@${assessment.modelVersion}`,
      probability: assessment.probability,
      band: assessment.band,
      action: decision.action,
      reasons: assessment.reasons,
      actionReasons: decision.reasons,
      latestPeriod: history.input.statements[0]!.period,
      warned: history.accountStatus === 'current' && decision.action !== 'none',
    });
  }
  return { scored, unscored };
}
