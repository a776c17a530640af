import { DISPATCH_LEASE_MS } from '../webhooks/outbox';
import type { JobMessage, JobOf, JobType } from './messages';

type Revival<T extends JobType> = (db: D1Database, job: JobOf<T>, now: number) => D1PreparedStatement | null;

/**
 * What replaying a dead-lettered job must reopen before its message is sent again. Intake chunks and
 * experiment assignment resume from their state in D1 and need nothing. A timer, a webhook delivery,
 * a screening run, a retention run or a visit plan that a sweep gave up on (`failed`) would ignore the message, so it goes back where the sweep picks it up: the replayed
 * message is then a head start, and a lost one is re-sent by the next sweep. Attempts keep counting,
 * so a replay past `maxAttempts` (or the delivery schedule) gets exactly one more attempt.
 */
const revivals: { [T in JobType]: Revival<T> } = {
  'timer.due': (db, job, now) =>
    db
      .prepare(
        `UPDATE follow_up_timers SET state = 'pending', lease_until = NULL, updated_at = ?
         WHERE id = ? AND tenant_id = ? AND state = 'failed'`,
      )
      .bind(now, job.timerId, job.tenantId),
  'webhook.deliver': (db, job, now) =>
    db
      .prepare(
        `UPDATE webhook_deliveries SET status = 'pending', lease_until = ?1, next_attempt_at = ?1
         WHERE id = ?2 AND tenant_id = ?3 AND status = 'failed'`,
      )
      .bind(now + DISPATCH_LEASE_MS, job.deliveryId, job.tenantId),
  'intake.batch-chunk': () => null,
  // A run or plan the stalled-work sweep gave up on after a day starts that day again: the sweep
  // judges it by when it last moved, which is now.
  'screening.run': (db, job, now) =>
    db
      .prepare(
        `UPDATE screening_runs SET status = 'running', completed_at = NULL, progressed_at = ?1, nudged_at = NULL
         WHERE id = ?2 AND tenant_id = ?3 AND status = 'failed' AND after_case_id IS ?4`,
      )
      .bind(now, job.runId, job.tenantId, job.afterCaseId),
  'experiment.assign': () => null,
  // A rollup run given up on resumes at its cursor: purging if its rows are already the head's, else building.
  'rollup.run': (db, job, now) =>
    db
      .prepare(
        `UPDATE rollup_runs SET completed_at = NULL, progressed_at = ?1, nudged_at = NULL,
           status = CASE WHEN replaced_run_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM rollup_heads h WHERE h.run_id = rollup_runs.id) THEN 'purging' ELSE 'running' END
         WHERE id = ?2 AND tenant_id = ?3 AND status = 'failed' AND cursor = ?4`,
      )
      .bind(now, job.runId, job.tenantId, job.cursor),
  'retention.run': (db, job, now) =>
    db
      .prepare(
        `UPDATE retention_runs SET status = 'running', completed_at = NULL, progressed_at = ?1, nudged_at = NULL
         WHERE tenant_id = ?2 AND day = ?3 AND status = 'failed' AND after_case_id IS ?4`,
      )
      .bind(now, job.tenantId, job.day, job.afterCaseId),
  // A risk run stays running until its day is over, and the cron re-sends a stalled one's message.
  'risk.score': () => null,
  'plan.solve': (db, job, now) =>
    db
      .prepare(
        `UPDATE visit_plans SET status = 'solving', created_at = ?1, nudged_at = NULL, version = version + 1
         WHERE id = ?2 AND tenant_id = ?3 AND status = 'failed'`,
      )
      .bind(now, job.planId, job.tenantId),
  // Preparation resumes from the visits still unprepared and needs nothing reopened.
  'plan.prepare': () => null,
  // A re-plan given up on solves again, unless another re-plan of the plan is solving by now.
  'plan.replan': (db, job, now) =>
    db
      .prepare(
        `UPDATE visit_plan_replans SET status = 'solving', created_at = ?1, nudged_at = NULL
         WHERE id = ?2 AND tenant_id = ?3 AND status = 'failed'
           AND NOT EXISTS (SELECT 1 FROM visit_plan_replans other
                           WHERE other.tenant_id = ?3 AND other.plan_id = ?4 AND other.status = 'solving')`,
      )
      .bind(now, job.replanId, job.tenantId, job.planId),
  // A move resumes from its state in the directory; the cron re-sends a stalled one's message too.
  'tenant.move': () => null,
};

/** The statements (none or one) that reopen what a replayed job acts on, for the replay's own batch. */
export function revivalFor(db: D1Database, job: JobMessage, now: number): D1PreparedStatement[] {
  // The mapped type pairs each message type with its revival, so this indexed call is total.
  const revive = revivals[job.type] as (
    db: D1Database,
    job: JobMessage,
    now: number,
  ) => D1PreparedStatement | null;
  const statement = revive(db, job, now);
  return statement === null ? [] : [statement];
}
