import { sendInChunks } from '../follow-ups/timing';
import { HOPELESS_BATCHES, resendPendingChunks, stalledBatchStatements } from '../intake/stalled-batches';
import { HOPELESS_REPLANS, planningMessages, stalledPlanningStatements } from '../planning/stalled';
import type { RuntimePorts } from '../ports/runtime';
import type { ShardScope } from '../shards/bindings';
import { unfenced } from '../shards/fence';
import type { JobMessage } from './messages';

/**
 * A plan solve, a screening chunk or an intake batch chunk commits within seconds of its message; one
 * that has not moved for this long lost its message (a send that failed after the commit, a worker
 * killed between chunks, a message dead-lettered).
 */
export const STALL_MS = 10 * 60_000;

/** Work stalled this long is given up as failed rather than re-sent forever; its letters are with the operators. */
export const GIVE_UP_MS = 24 * 3_600_000;

const GIVE_UP_DATA = JSON.stringify({
  reason: 'no progress for a day; its dead letters are with the operators',
});

/** Rows re-sent per tick and kind, so a tick stays bounded. */
const PER_TICK = 100;

export interface ResentWork {
  plans: string[];
  runs: string[];
  /** Intake batches whose unapplied chunks were queued again. */
  batches: string[];
  /** Re-plans still solving, and plans with visits still to prepare, whose message was re-sent. */
  replans: string[];
  preparations: string[];
  givenUp: string[];
}

/**
 * Cron, per shard: re-sends the queue message of every visit plan still `solving`, every re-plan still `solving`,
 * every solved plan with visits still to prepare, every screening run still `running` and every
 * unapplied chunk of an intake batch still open that has not moved for `STALL_MS`, once per stall
 * period (`nudged_at`). Every handler is idempotent — a plan solves only while `solving`, a re-plan
 * applies only while `solving`, preparation touches only visits not yet prepared, a run's chunk
 * commits only at its cursor, a batch chunk only while unapplied — so a message that was merely slow
 * and its re-sent twin cannot both act.
 */
export async function resendStalledWork(shard: ShardScope, ports: RuntimePorts): Promise<ResentWork> {
  const { env, d1: db } = shard;
  const now = ports.now();
  const stalledSince = now - STALL_MS;
  const hopeless = now - GIVE_UP_MS;
  const runLastMoved = 'max(coalesce(progressed_at, 0), created_at)';
  const givenUpPlans = `status = 'solving' AND created_at <= ?1 AND ${unfenced()}`;
  const givenUpRuns = `status = 'running' AND created_at <= ?1 AND ${runLastMoved} <= ?1 AND ${unfenced()}`;
  // The give-ups are the system's decisions: each gets its audit row, written before the row changes
  // (set-based, so the id comes from SQLite's randomness rather than the id port).
  const auditGiveUp = (table: string, subjectType: string, where: string) =>
    db
      .prepare(
        `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
         SELECT 'aud_' || lower(hex(randomblob(10))), tenant_id, ?2, NULL, 'system', ?3, ?4, id, ?5
         FROM ${table} WHERE ${where}`,
      )
      .bind(hopeless, now, `${subjectType.replace('_', '-')}.given-up`, subjectType, GIVE_UP_DATA);
  const batches = stalledBatchStatements(db, now, stalledSince, hopeless);
  const planning = stalledPlanningStatements(db, now, stalledSince, hopeless);
  const [
    ,
    plansGivenUp,
    ,
    runsGivenUp,
    plans,
    runs,
    ,
    batchesGivenUp,
    nudgedBatches,
    ,
    replansGivenUp,
    replans,
    preparations,
  ] = await db.batch<{
    id: string;
    tenant_id: string;
    after_case_id: string | null;
    plan_id?: string;
  }>([
    auditGiveUp('visit_plans', 'visit_plan', givenUpPlans),
    db
      .prepare(
        `UPDATE visit_plans SET status = 'failed', version = version + 1 WHERE ${givenUpPlans} RETURNING id, tenant_id`,
      )
      .bind(hopeless),
    auditGiveUp('screening_runs', 'screening_run', givenUpRuns),
    db
      .prepare(
        `UPDATE screening_runs SET status = 'failed', completed_at = ?2 WHERE ${givenUpRuns} RETURNING id, tenant_id`,
      )
      .bind(hopeless, now),
    db
      .prepare(
        `UPDATE visit_plans SET nudged_at = ?1
         WHERE id IN (SELECT id FROM visit_plans WHERE status = 'solving' AND created_at <= ?2
                        AND coalesce(nudged_at, 0) <= ?2 AND ${unfenced()} LIMIT ?3)
         RETURNING id, tenant_id`,
      )
      .bind(now, stalledSince, PER_TICK),
    db
      .prepare(
        `UPDATE screening_runs SET nudged_at = ?1
         WHERE id IN (SELECT id FROM screening_runs WHERE status = 'running' AND created_at <= ?2
                        AND ${runLastMoved} <= ?2 AND coalesce(nudged_at, 0) <= ?2 AND ${unfenced()} LIMIT ?3)
         RETURNING id, tenant_id, after_case_id`,
      )
      .bind(now, stalledSince, PER_TICK),
    auditGiveUp('intake_batches', 'intake_batch', HOPELESS_BATCHES),
    batches.giveUp,
    batches.nudge,
    auditGiveUp('visit_plan_replans', 'visit_plan_replan', HOPELESS_REPLANS),
    planning.giveUp,
    planning.replans,
    planning.preparations,
  ]);
  const resentPlans = plans?.results ?? [];
  const resentRuns = runs?.results ?? [];
  const messages = [
    ...resentPlans.map((plan) => ({
      body: { type: 'plan.solve', v: 1, tenantId: plan.tenant_id, planId: plan.id } as const,
      delaySeconds: 0,
    })),
    ...resentRuns.map((run) => ({
      body: {
        type: 'screening.run',
        v: 1,
        tenantId: run.tenant_id,
        runId: run.id,
        afterCaseId: run.after_case_id,
      } as const,
      delaySeconds: 0,
    })),
    ...planningMessages(replans?.results ?? [], preparations?.results ?? []),
  ];
  await sendInChunks<JobMessage>(env.JOBS, messages);
  const resumedBatches = nudgedBatches?.results ?? [];
  await resendPendingChunks(shard, resumedBatches);
  return {
    plans: resentPlans.map((plan) => plan.id),
    runs: resentRuns.map((run) => run.id),
    batches: resumedBatches.map((batch) => batch.id),
    replans: (replans?.results ?? []).map((replan) => replan.id),
    preparations: (preparations?.results ?? []).map((plan) => plan.id),
    givenUp: [
      ...(plansGivenUp?.results ?? []),
      ...(runsGivenUp?.results ?? []),
      ...(batchesGivenUp?.results ?? []),
      ...(replansGivenUp?.results ?? []),
    ].map((row) => row.id),
  };
}
