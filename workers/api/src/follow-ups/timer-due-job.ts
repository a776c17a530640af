import { FOLLOW_UP_STANCES } from '@doorstep/core';
import { decideTimerAction } from '@doorstep/follow-up-engine';
import { judgeOnCase } from '../compliance/fire-time';
import type { JobHandler, JobOutcome } from '../jobs/handlers';
import { dispatchDeliveries } from '../webhooks/outbox';
import { actionStatements } from './action-statements';
import { claimAndRead } from './facts';
import { defaultTimerTiming, queueDelaySeconds, type TimerTiming } from './timing';

// A case that changes between the read and the write is re-read and re-decided, a few times at most.
const MAX_DECISION_ROUNDS = 3;

const done: JobOutcome = { kind: 'done' };

/** Why a claim lost, and what to do with the message: early ones wait, every other one is dropped. */
async function afterLostClaim(
  db: D1Database,
  job: { tenantId: string; timerId: string },
  now: number,
): Promise<JobOutcome> {
  const row = await db
    .prepare(`SELECT state, due_at FROM follow_up_timers WHERE id = ? AND tenant_id = ?`)
    .bind(job.timerId, job.tenantId)
    .first<{ state: string; due_at: number }>();
  // Early (clock skew or a >12 h delay cap): wait the rest. A `pending` timer was rescheduled: the sweep sends anew.
  if (row?.state === 'enqueued' && row.due_at > now) {
    return {
      kind: 'retry',
      delaySeconds: Math.max(1, queueDelaySeconds(row.due_at, now)),
    };
  }
  return done;
}

/**
 * Builds the `timer.due` handler: claim → read (the timer's facts, then the customer's compliance facts
 * as they are now) → judge (`judgeAction` with the kind's stance) and decide (`decideTimerAction`), both
 * pure → write the action, or its suppression, and the timer's end in one guarded batch → dispatch the
 * webhooks it created.
 * If anything throws while the claim is held, the claim is released so the queue's retry can act.
 */
export function createTimerDueHandler(timing: TimerTiming = defaultTimerTiming): JobHandler<'timer.due'> {
  return async function handleTimerDue(job, { env, ports, d1 }) {
    const db = d1;
    for (let round = 0; round < MAX_DECISION_ROUNDS; round++) {
      const now = ports.now();
      const facts = await claimAndRead(db, job, now, timing.claimLeaseMs);
      if (facts === null) return round === 0 ? afterLostClaim(db, job, now) : done;
      const { timer } = facts;
      try {
        const { verdict, holds } = await judgeOnCase(db, timer, FOLLOW_UP_STANCES[timer.kind], now);
        const action = decideTimerAction({
          ...facts,
          now,
          caseId: timer.caseId,
          kind: timer.kind,
          payload: timer.payload,
          barred: verdict.allowed ? null : { barredBy: verdict.barredBy, vetoes: verdict.vetoes },
        });
        const write = actionStatements(db, ports, timer, facts.caseStatus, action, now, holds, {
          customerId: facts.customerId,
          timeZone: facts.timeZone,
        });
        const results = await db.batch(write.statements);
        if ((results.at(-1)?.meta.changes ?? 0) === 1) {
          await dispatchDeliveries(env.JOBS, timer.tenantId, results, write.deliveryStatementIndexes).catch(
            (error) =>
              // Deliveries stay leased in D1; the sweep re-sends them when the lease runs out.
              console.error(
                JSON.stringify({ job: 'timer.due', timerId: timer.id, dispatch: (error as Error).name }),
              ),
          );
          return done;
        }
      } catch (error) {
        await db
          .prepare(
            `UPDATE follow_up_timers SET state = 'enqueued', lease_until = ?, updated_at = ?
             WHERE id = ? AND tenant_id = ? AND state = 'claimed' AND attempts = ?`,
          )
          .bind(now + timing.enqueueGraceMs, now, timer.id, timer.tenantId, timer.token)
          .run();
        throw error;
      }
      // 0 changes: the case or its customer moved since the read (or our claim was taken over). Release and decide again.
      await db
        .prepare(
          `UPDATE follow_up_timers SET state = 'enqueued', updated_at = ?
           WHERE id = ? AND tenant_id = ? AND state = 'claimed' AND attempts = ?`,
        )
        .bind(now, timer.id, timer.tenantId, timer.token)
        .run();
    }
    throw new Error('timer.due: the case kept changing under the decision');
  };
}

export const handleTimerDue = createTimerDueHandler();
