import type { Reason, RiskFact } from '@doorstep/core';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { riskScores } from '../db/schema';

/** The latest stored score of each account `accountIds` selects, for screening to read. */
export function latestRiskQuery(db: Database, tenantId: string, accountIds: SQL) {
  return db
    .select({
      accountId: riskScores.accountId,
      model: riskScores.model,
      probability: riskScores.probability,
      band: riskScores.band,
      latestPeriod: riskScores.latestPeriod,
      reasons: riskScores.reasons,
    })
    .from(riskScores)
    .where(
      and(
        eq(riskScores.tenantId, tenantId),
        sql`${riskScores.accountId} IN ${accountIds}`,
        sql`${riskScores.scoredOn} = (SELECT max(r.scored_on) FROM risk_scores r
          WHERE r.tenant_id = ${tenantId} AND r.account_id = ${riskScores.accountId})`,
      ),
    );
}

export type LatestRiskRow = Awaited<ReturnType<typeof latestRiskQuery>>[number];

export const riskFactOf = (row: LatestRiskRow): RiskFact => ({
  model: row.model,
  probability: row.probability,
  band: row.band,
  latestStatement: row.latestPeriod,
  reasons: row.reasons as Reason[],
});
