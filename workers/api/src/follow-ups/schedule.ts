import {
  type DecisionContext,
  decideFollowUps,
  type FollowUp,
  type FollowUpDecision,
  type FollowUpInput,
  type ResolvedPolicySet,
} from '@doorstep/core';
import { planTimers, type TimerPlanProblem, type TimerRefs } from '@doorstep/follow-up-engine';
import type { DecidedBy } from '../repositories/deciding-policy';

export interface ScheduleInput {
  tenantId: string;
  caseId: string;
  /** The core's `decideFollowUps(...).value.followUps`. */
  decisions: readonly FollowUp[];
  /** The promise and plan the decisions check, if the outcome recorded them. */
  refs?: TimerRefs;
  /** Epoch milliseconds. */
  now: number;
  /** The policy set (and experiment arm) whose follow-up policy decided them, kept on each timer. */
  decidedBy?: DecidedBy;
}

/**
 * Statements that put a follow-up schedule on durable timers, for the caller's own `db.batch` (so the
 * outcome and its timers are written together or not at all). A timer already scheduled under the same
 * idempotency key is left as it is, so recording the same outcome twice schedules nothing twice.
 *
 * @example
 * const scheduled = scheduleFollowUpStatements(d1, { tenantId, caseId, decisions, refs: { promiseId }, now });
 * if (!scheduled.ok) throw new ApiError('REQUEST.INVALID', scheduled.problem.code);
 * await d1.batch([insertOutcome, insertPromise, ...scheduled.statements]);
 */
export function scheduleFollowUpStatements(
  db: D1Database,
  input: ScheduleInput,
): { ok: true; statements: D1PreparedStatement[] } | { ok: false; problem: TimerPlanProblem } {
  const planned = planTimers(input.decisions, input.refs ?? {});
  if (!planned.ok) return planned;
  const insert = db.prepare(
    `INSERT INTO follow_up_timers
       (id, tenant_id, case_id, kind, due_at, state, attempts, idempotency_key, payload, reason, created_at, updated_at, decided_by)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`,
  );
  return {
    ok: true,
    statements: planned.timers.map((t) =>
      insert.bind(
        t.id,
        input.tenantId,
        t.caseId,
        t.kind,
        t.dueAt,
        t.idempotencyKey,
        JSON.stringify(t.payload),
        JSON.stringify(t.reason),
        input.now,
        input.now,
        input.decidedBy === undefined ? null : JSON.stringify(input.decidedBy),
      ),
    ),
  };
}

/**
 * Cancels every timer of a case that has not started acting (cured, closed, plan renegotiated). A timer
 * already claimed is not touched here: its action re-reads the case and stops itself if the case is over.
 * Pass `planId` to cancel only that plan's instalment timers (the plan was superseded).
 */
export function cancelPendingFollowUps(
  db: D1Database,
  tenantId: string,
  caseId: string,
  options: { now: number; planId?: string },
): D1PreparedStatement {
  const planFilter = options.planId === undefined ? '' : ` AND json_extract(payload, '$.planId') = ?`;
  const statement = db.prepare(
    `UPDATE follow_up_timers SET state = 'cancelled', lease_until = NULL, updated_at = ?
     WHERE tenant_id = ? AND case_id = ? AND state IN ('pending', 'enqueued')${planFilter}`,
  );
  return options.planId === undefined
    ? statement.bind(options.now, tenantId, caseId)
    : statement.bind(options.now, tenantId, caseId, options.planId);
}

/**
 * Moves a timer that has not started acting to a new due instant; it goes back to `pending`, so a
 * message already on the queue for the old instant finds it not due and is dropped (the sweep sends a
 * new one). Check `meta.changes`: 0 means the timer was already acting, done or cancelled.
 */
export function rescheduleFollowUp(
  db: D1Database,
  tenantId: string,
  timerId: string,
  options: { dueAt: number; now: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE follow_up_timers SET due_at = ?, state = 'pending', lease_until = NULL, updated_at = ?
       WHERE id = ? AND tenant_id = ? AND state IN ('pending', 'enqueued')`,
    )
    .bind(options.dueAt, options.now, timerId, tenantId);
}

/**
 * The tenant's follow-up policy decides, and its decisions become timer statements for the caller's
 * batch. A policy that throws or a schedule that cannot be planned is a bug (500), not the client's.
 *
 * @example
 * const { decision, statements } = decideAndSchedule(d1, set, input, ctx, { tenantId, caseId, refs, now });
 */
export function decideAndSchedule(
  db: D1Database,
  set: ResolvedPolicySet,
  input: Omit<FollowUpInput, 'now'>,
  ctx: DecisionContext,
  placement: Omit<ScheduleInput, 'decisions'>,
): { decision: FollowUpDecision; statements: D1PreparedStatement[] } {
  const decided = decideFollowUps(set, input, ctx);
  if (!decided.ok) throw new Error(`follow-up policy failed: ${decided.error.policyId}`);
  const scheduled = scheduleFollowUpStatements(db, { ...placement, decisions: decided.value.followUps });
  if (!scheduled.ok) throw new Error(`follow-up timers could not be planned: ${scheduled.problem.code}`);
  return { decision: decided.value, statements: scheduled.statements };
}
