import type { JobHandler } from '../../jobs/handlers';
import type { RuntimePorts } from '../../ports/runtime';
import { directoryDatabase } from '../bindings';
import { stepMove } from './step';

/** A move whose last step is this much older than its wait lost its message; the cron sends it again. */
const STALL_MS = 2 * 60_000;

/** How long a move lets requests already under way finish before it copies, unless the operator says. */
export const DEFAULT_DRAIN_MS = 10_000;

/**
 * Cron: sends the first step of every requested move, and the next step of one that stalled (its
 * message lost, or its step died holding the lease). Each message names the move's progress token, so a
 * message sent twice acts once.
 */
export async function advanceTenantMoves(env: Env, ports: RuntimePorts): Promise<{ sent: string[] }> {
  const now = ports.now();
  const { results } = await directoryDatabase(env)
    .prepare(
      `SELECT id, tenant_id, coalesce(progressed_at, 0) AS token FROM directory_moves
       WHERE status NOT IN ('done', 'failed') AND (lease_until IS NULL OR lease_until <= ?1)
         AND (status = 'requested' OR coalesce(progressed_at, requested_at) + drain_ms + ?2 <= ?1)`,
    )
    .bind(now, STALL_MS)
    .all<{ id: string; tenant_id: string; token: number }>();
  for (const move of results)
    await env.JOBS.send({
      type: 'tenant.move',
      v: 1,
      tenantId: move.tenant_id,
      moveId: move.id,
      token: move.token,
    });
  return { sent: results.map((move) => move.id) };
}

/** The `tenant.move` job: one step, then the next message (after the drain, when the step says wait). */
export const handleTenantMove: JobHandler<'tenant.move'> = async (job, { env, ports }) => {
  const outcome = await stepMove(env, ports, job.moveId, { token: job.token });
  if (outcome.kind === 'again')
    await env.JOBS.send({ ...job, token: outcome.token }, { delaySeconds: outcome.delaySeconds });
  return { kind: 'done' };
};
