import { sql } from 'drizzle-orm';
import type { JobHandler } from '../jobs/handlers';
import { guardedBatch } from '../repositories/audit';
import { resolveStored } from '../repositories/policy-sets';
import { loadRiskChunk, RISK_CHUNK_SIZE, type RiskRunRef, scoreAccounts } from './score-chunk';

interface RunRow {
  id: string;
  tenant_id: string;
  scored_on: string;
  policy_version: number;
  status: string;
  after_account_id: string | null;
  document: string | null;
}

/**
 * Scores the next chunk of a daily risk run and enqueues the one after: read (accounts after the cursor
 * and their statements) → decide (the policy set's risk model, pure) → write the scores and advance the
 * cursor in one batch that commits only if the cursor is still where this chunk started, so a
 * redelivered message changes nothing.
 */
export const handleRiskScore: JobHandler<'risk.score'> = async (job, { env, ports, d1 }) => {
  const run = await d1
    .prepare(
      `SELECT r.id, r.tenant_id, r.scored_on, r.policy_version, r.status, r.after_account_id, p.document
     FROM risk_runs r
     LEFT JOIN policy_sets p ON p.tenant_id = r.tenant_id AND p.version = r.policy_version
     WHERE r.tenant_id = ?1 AND r.id = ?2`,
    )
    .bind(job.tenantId, job.runId)
    .first<RunRow>();
  if (run?.status !== 'running' || run.after_account_id !== job.afterAccountId) return { kind: 'done' };
  const now = ports.now();
  const set = resolveStored(
    run.tenant_id,
    run.policy_version,
    run.document ? JSON.parse(run.document) : null,
  );
  const ref: RiskRunRef = {
    id: run.id,
    tenantId: run.tenant_id,
    scoredOn: run.scored_on,
    afterAccountId: run.after_account_id,
  };
  const histories = set.riskModel === null ? [] : await loadRiskChunk(d1, ref, new Date(now).toISOString());
  const { scored, unscored } =
    set.riskModel === null ? { scored: [], unscored: 0 } : scoreAccounts(set.riskModel.fns, histories);
  const lastAccountId = histories.at(-1)?.accountId ?? run.after_account_id;
  const done = histories.length < RISK_CHUNK_SIZE;
  const warned = scored.filter((s) => s.warned).length;
  const payload = JSON.stringify(scored);
  const writes = [
    sql`INSERT INTO risk_scores (tenant_id, scored_on, account_id, customer_id, run_id, model, probability, band, action,
        reasons, action_reasons, latest_period, scored_at)
      SELECT ${run.tenant_id}, ${run.scored_on}, j.value->>'accountId', j.value->>'customerId', ${run.id},
        j.value->>'model', j.value->>'probability', j.value->>'band', j.value->>'action', j.value->'reasons',
        j.value->'actionReasons', j.value->>'latestPeriod', ${now}
      FROM json_each(${payload}) j WHERE true
      ON CONFLICT (tenant_id, scored_on, account_id) DO NOTHING`,
    sql`UPDATE risk_runs SET scored = scored + ${scored.length}, unscored = unscored + ${unscored},
        warned = warned + ${warned}, after_account_id = ${lastAccountId},
        status = ${done ? 'completed' : 'running'}, completed_at = ${done ? now : null}, progressed_at = ${now}
      WHERE tenant_id = ${run.tenant_id} AND id = ${run.id}`,
  ];
  const { committed } = await guardedBatch(d1, writes, {
    holds: sql`EXISTS (SELECT 1 FROM risk_runs WHERE tenant_id = ${run.tenant_id} AND id = ${run.id}
      AND status = 'running' AND after_account_id IS ${run.after_account_id})`,
  });
  if (committed && !done)
    await env.JOBS.send({
      type: 'risk.score',
      v: 1,
      tenantId: run.tenant_id,
      runId: run.id,
      afterAccountId: lastAccountId,
    });
  return { kind: 'done' };
};
