/** A case's latest screening verdict with its reasons, as the queue shows it. */
export interface LatestScreening {
  eligible: boolean;
  priority: number | null;
  policyVersion: number;
  reasons: { code: string; message: string; data: Record<string, unknown> }[];
  decidedAt: number;
}

interface DecisionRow {
  case_id: string;
  eligible: number;
  priority: number | null;
  policy_version: number;
  reasons: string;
  decided_at: number;
}

/**
 * The latest decision of each case asked for, in one statement (each a seek on `screening_case_idx`),
 * so a page of the queue costs one read, not one per case.
 */
export async function latestScreenings(
  d1: D1Database,
  tenantId: string,
  caseIds: readonly string[],
): Promise<Map<string, LatestScreening>> {
  if (caseIds.length === 0) return new Map();
  const { results } = await d1
    .prepare(
      `SELECT decision.case_id, decision.eligible, decision.priority, decision.policy_version, decision.reasons,
         decision.decided_at
       FROM json_each(?2) wanted
         JOIN screening_decisions decision ON decision.id = (
           SELECT latest.id FROM screening_decisions latest
           WHERE latest.tenant_id = ?1 AND latest.case_id = wanted.value
           ORDER BY latest.decided_at DESC, latest.id DESC LIMIT 1)`,
    )
    .bind(tenantId, JSON.stringify(caseIds))
    .all<DecisionRow>();
  return new Map(
    results.map((row) => [
      row.case_id,
      {
        eligible: row.eligible === 1,
        priority: row.priority,
        policyVersion: row.policy_version,
        reasons: JSON.parse(row.reasons) as LatestScreening['reasons'],
        decidedAt: row.decided_at,
      },
    ]),
  );
}
