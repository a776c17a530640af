import { sql } from 'drizzle-orm';
import { database } from '../db/client';
import { cases, tenants } from '../db/schema';
import type { RuntimePorts } from '../ports/runtime';
import { DEFAULT_VERSION } from '../repositories/policy-sets';
import type { ShardScope } from '../shards/bindings';
import { unfenced } from '../shards/fence';
import { UNSCREENED } from './load';
import { findTenantPolicy } from './runs';

/** Tenants served per tick, so one tick stays bounded; the rest wait a minute. */
const TENANTS_PER_TICK = 50;

const UNSCREENED_FILTER = JSON.stringify({ unscreened: true });

/**
 * Cron: every tenant with open cases that intake touched since their last screening (their
 * `last_screened_at` cleared) gets one screening run over exactly those cases, through the queue like
 * any large run. One such run per tenant at a time: cases touched while it runs are picked up by the
 * next. The start is audited with the system as the actor.
 */
export async function startRescreenRuns(
  { env, d1 }: ShardScope,
  ports: RuntimePorts,
): Promise<{ runIds: string[] }> {
  const db = database(d1);
  // Per tenant (banks are few): one probe of the partial index for touched cases, one for a run under
  // way; tenants already being re-screened are skipped, so they cannot crowd out the rest.
  const touched = await db
    .select({ tenantId: tenants.id })
    .from(tenants)
    .where(
      sql`EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.tenantId} = ${tenants.id} AND ${UNSCREENED})
        AND NOT EXISTS (SELECT 1 FROM screening_runs run WHERE run.tenant_id = ${tenants.id}
          AND run.status = 'running' AND run.filter ->> 'unscreened' = 1)
        AND ${sql.raw(unfenced('tenants.id'))}`,
    )
    .limit(TENANTS_PER_TICK);
  const now = ports.now();
  const runIds: string[] = [];
  for (const { tenantId } of touched) {
    const found = await findTenantPolicy(db, tenantId);
    if (!found) continue;
    const runId = ports.newId('scr');
    const policyVersion = found.policy?.version ?? DEFAULT_VERSION;
    const [started] = await d1.batch([
      d1
        .prepare(
          `INSERT INTO screening_runs (id, tenant_id, filter, policy_version, status, created_at)
         SELECT ?1, ?2, ?3, ?4, 'running', ?5
         WHERE NOT EXISTS (SELECT 1 FROM screening_runs
                           WHERE tenant_id = ?2 AND status = 'running' AND filter ->> 'unscreened' = 1)
         RETURNING id`,
        )
        .bind(runId, tenantId, UNSCREENED_FILTER, policyVersion, now),
      d1
        .prepare(
          `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
         SELECT ?1, ?2, ?3, NULL, 'system', 'screening.started', 'screening_run', ?4, ?5
         WHERE EXISTS (SELECT 1 FROM screening_runs WHERE tenant_id = ?2 AND id = ?4)`,
        )
        .bind(
          ports.newId('aud'),
          tenantId,
          now,
          runId,
          JSON.stringify({ filter: { unscreened: true }, policyVersion, trigger: 'intake-changes' }),
        ),
    ]);
    if ((started?.results.length ?? 0) === 0) continue;
    // Sent after the run row commits: a lost send leaves a stalled run, which `resendStalledWork` re-sends.
    await env.JOBS.send({ type: 'screening.run', v: 1, tenantId, runId, afterCaseId: null });
    runIds.push(runId);
  }
  return { runIds };
}
