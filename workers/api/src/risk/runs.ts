import { localDateAt, toInstant } from '@doorstep/core';
import { database } from '../db/client';
import { STALL_MS } from '../jobs/stalled-work';
import type { RuntimePorts } from '../ports/runtime';
import { activeResolved } from '../repositories/policy-sets';
import type { ShardScope } from '../shards/bindings';
import { unfenced } from '../shards/fence';

/** Tenants served per tick, the longest unscored first, so one tick stays bounded; the rest wait a minute. */
const TENANTS_PER_TICK = 50;

interface TenantDay {
  id: string;
  time_zone: string;
  last_scored_on: string | null;
  last_status: string | null;
  last_run_id: string | null;
  last_after: string | null;
  last_moved: number | null;
}

/**
 * Cron: once per tenant-local day, every tenant with statements and a risk model in its active policy
 * set gets a scoring run over all its accounts with statements, chunked through the queue like a
 * screening run. The unique (tenant, day) key makes a second tick's start a no-op. A run that has not
 * moved for `STALL_MS` lost its message; its message is sent again (chunks commit only at their cursor,
 * so a slow twin cannot score a chunk twice).
 */
export async function startRiskRuns(
  { env, d1 }: ShardScope,
  ports: RuntimePorts,
): Promise<{ started: string[]; resent: string[] }> {
  const now = ports.now();
  const { results } = await d1
    .prepare(
      `SELECT t.id, t.time_zone, r.scored_on AS last_scored_on, r.status AS last_status, r.id AS last_run_id,
       r.after_account_id AS last_after, max(coalesce(r.progressed_at, 0), r.created_at, coalesce(r.nudged_at, 0)) AS last_moved
     FROM tenants t
     LEFT JOIN risk_runs r ON r.tenant_id = t.id
       AND r.scored_on = (SELECT max(scored_on) FROM risk_runs WHERE tenant_id = t.id)
     WHERE EXISTS (SELECT 1 FROM statements s WHERE s.tenant_id = t.id) AND ${unfenced('t.id')}
     ORDER BY r.scored_on IS NOT NULL, r.scored_on, t.id
     LIMIT ${TENANTS_PER_TICK}`,
    )
    .all<TenantDay>();
  const started: string[] = [];
  const resent: string[] = [];
  for (const tenant of results) {
    const today = localDateAt(toInstant(now), tenant.time_zone);
    if (tenant.last_scored_on === today) {
      if (
        tenant.last_status === 'running' &&
        (tenant.last_moved ?? 0) <= now - STALL_MS &&
        tenant.last_run_id
      ) {
        await d1
          .prepare('UPDATE risk_runs SET nudged_at = ?1 WHERE id = ?2')
          .bind(now, tenant.last_run_id)
          .run();
        await env.JOBS.send({
          type: 'risk.score',
          v: 1,
          tenantId: tenant.id,
          runId: tenant.last_run_id,
          afterAccountId: tenant.last_after,
        });
        resent.push(tenant.last_run_id);
      }
      continue;
    }
    const { version, set } = await activeResolved(database(d1), tenant.id);
    if (set.riskModel === null) continue;
    const runId = ports.newId('rsk');
    const [, inserted] = await d1.batch([
      // Yesterday's run that never finished is over: its day has passed.
      d1
        .prepare(
          `UPDATE risk_runs SET status = 'failed', completed_at = ?3
         WHERE tenant_id = ?1 AND status = 'running' AND scored_on < ?2`,
        )
        .bind(tenant.id, today, now),
      d1
        .prepare(
          `INSERT INTO risk_runs (id, tenant_id, scored_on, policy_version, status, created_at)
         VALUES (?1, ?2, ?3, ?4, 'running', ?5) ON CONFLICT (tenant_id, scored_on) DO NOTHING RETURNING id`,
        )
        .bind(runId, tenant.id, today, version, now),
      d1
        .prepare(
          `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
         SELECT ?1, ?2, ?3, NULL, 'system', 'risk-scoring.started', 'risk_run', ?4, ?5
         WHERE EXISTS (SELECT 1 FROM risk_runs WHERE tenant_id = ?2 AND id = ?4)`,
        )
        .bind(
          ports.newId('aud'),
          tenant.id,
          now,
          runId,
          JSON.stringify({ scoredOn: today, policyVersion: version, model: set.riskModel.id }),
        ),
    ]);
    if ((inserted?.results.length ?? 0) === 0) continue;
    // Sent after the run row commits: a lost send leaves a stalled run, which a later tick re-sends.
    await env.JOBS.send({ type: 'risk.score', v: 1, tenantId: tenant.id, runId, afterAccountId: null });
    started.push(runId);
  }
  return { started, resent };
}
