import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { claimAndRead } from '../src/follow-ups/facts';
import {
  cancelPendingFollowUps,
  rescheduleFollowUp,
  scheduleFollowUpStatements,
} from '../src/follow-ups/schedule';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import { createTimerDueHandler } from '../src/follow-ups/timer-due-job';
import { randomId } from '../src/ports/runtime';
import {
  beforeBatches,
  casesWithCustomers,
  consumerWith,
  DAY,
  decision,
  deliver,
  HOUR,
  injectedFailure,
  insertRows,
  simClock,
  simTiming,
  T0,
  tenantRow,
  timerStates,
} from './follow-ups.fixtures';

const db = env.DB;
const due = T0 + DAY;

/** One tenant, one case, one revisit timer due at `due`; returns what a test needs to drive it. */
async function oneRevisit() {
  const tenant = randomId('ten');
  const caseId = `case_${tenant}`;
  const revisit = decision(caseId, 'revisit', due);
  const scheduled = scheduleFollowUpStatements(db, {
    tenantId: tenant,
    caseId,
    decisions: [revisit],
    now: T0,
  });
  if (!scheduled.ok) throw new Error('schedule');
  await db.batch([
    ...insertRows(db, 'tenants', [tenantRow(tenant)]),
    ...casesWithCustomers(db, tenant, [caseId]),
    ...scheduled.statements,
  ]);
  const clock = simClock(T0);
  const message = { type: 'timer.due' as const, v: 1 as const, tenantId: tenant, timerId: revisit.id };
  const visits = async () =>
    (
      await db
        .prepare(`SELECT count(*) AS n FROM visits WHERE tenant_id = ?`)
        .bind(tenant)
        .first<{ n: number }>()
    )?.n;
  // Sweeps are cross-tenant and storage is shared within this file: look only at this test's messages.
  const sweep = async () =>
    (await sweepDueTimers({ env, d1: env.DB }, clock.ports, simTiming)).timerMessages.filter(
      (m) => m.body.tenantId === tenant,
    );
  return { tenant, caseId, clock, message, consumer: consumerWith(clock.ports), visits, sweep };
}

describe('follow-up timers under failure', () => {
  it('acts once on duplicate messages, in one batch or in racing batches', async () => {
    const t = await oneRevisit();
    t.clock.set(due);
    expect(await deliver(t.consumer, env, [t.message, t.message], due)).toEqual({ acked: 2, retried: [] });
    await Promise.all([
      deliver(t.consumer, env, [t.message], due),
      deliver(t.consumer, env, [t.message], due),
    ]);
    expect(await t.visits()).toBe(1);
    expect(await timerStates(db, t.tenant)).toMatchObject([{ state: 'done', attempts: 1 }]);
  });

  it('retries a message that came early with the remaining delay, and acts when it is due', async () => {
    const t = await oneRevisit();
    t.clock.set(due - 90_000);
    await t.sweep();
    const early = await createTimerDueHandler(simTiming)(t.message, {
      env,
      d1: env.DB,
      ports: t.clock.ports,
    });
    expect(early).toEqual({ kind: 'retry', delaySeconds: 90 });
    expect(await deliver(t.consumer, env, [t.message], due - 90_000)).toEqual({
      acked: 0,
      retried: [t.message],
    });
    t.clock.set(due);
    await deliver(t.consumer, env, [t.message], due);
    expect(await t.visits()).toBe(1);
  });

  it('lets a cancel or a reschedule win over a message already on the queue', async () => {
    const t = await oneRevisit();
    t.clock.set(due - HOUR);
    expect(await t.sweep()).toHaveLength(1);
    await rescheduleFollowUp(db, t.tenant, t.message.timerId, { dueAt: due + DAY, now: due - HOUR }).run();
    t.clock.set(due);
    // The old message finds a pending timer not yet due: dropped, the sweep sends a new one in time.
    expect(await deliver(t.consumer, env, [t.message], due)).toEqual({ acked: 1, retried: [] });
    t.clock.set(due + DAY - HOUR);
    expect(await t.sweep()).toHaveLength(1);
    await cancelPendingFollowUps(db, t.tenant, t.caseId, { now: due + DAY - HOUR }).run();
    t.clock.set(due + DAY);
    expect(await deliver(t.consumer, env, [t.message], due + DAY)).toEqual({ acked: 1, retried: [] });
    expect(await t.visits()).toBe(0);
    expect(await timerStates(db, t.tenant)).toMatchObject([{ state: 'cancelled' }]);
  });

  it('recovers a lost message and a consumer that died holding the claim, through the sweep', async () => {
    const t = await oneRevisit();
    t.clock.set(due - HOUR);
    await t.sweep();
    // The message is lost: once the enqueue lease runs out, the sweep sends it again.
    t.clock.set(due + simTiming.enqueueGraceMs - 1);
    expect(await t.sweep()).toHaveLength(0);
    t.clock.set(due + simTiming.enqueueGraceMs);
    expect(await t.sweep()).toEqual([{ body: t.message, delaySeconds: 0 }]);
    // A consumer claims it and dies; the claim lease runs out and the sweep sends it once more.
    const claimedAt = due + simTiming.enqueueGraceMs;
    expect(await claimAndRead(db, t.message, claimedAt, simTiming.claimLeaseMs)).not.toBeNull();
    expect(await deliver(t.consumer, env, [t.message], claimedAt)).toEqual({ acked: 1, retried: [] });
    t.clock.set(claimedAt + simTiming.claimLeaseMs);
    expect(await t.sweep()).toHaveLength(1);
    await deliver(t.consumer, env, [t.message], claimedAt + simTiming.claimLeaseMs);
    expect(await t.visits()).toBe(1);
    expect(await timerStates(db, t.tenant)).toMatchObject([{ state: 'done', attempts: 2 }]);
  });

  it('releases the claim when the action fails, so the queue retry acts; gives up after max attempts', async () => {
    const t = await oneRevisit();
    t.clock.set(due);
    // The claim-and-read batch goes through; the action's batch fails.
    const broken = { ...env, DB: beforeBatches(db, async (n) => (n === 2 ? injectedFailure() : undefined)) };
    const failed = await deliver(t.consumer, broken, [t.message], due);
    expect(failed.retried).toEqual([t.message]);
    expect(await timerStates(db, t.tenant)).toMatchObject([{ state: 'enqueued', attempts: 1 }]);
    await deliver(t.consumer, env, [t.message], due + 10_000);
    expect(await t.visits()).toBe(1);

    const doomed = await oneRevisit();
    await db
      .prepare(
        `UPDATE follow_up_timers SET state = 'claimed', attempts = ?, lease_until = ? WHERE tenant_id = ?`,
      )
      .bind(simTiming.maxAttempts, due, doomed.tenant)
      .run();
    doomed.clock.set(due + HOUR);
    expect(await sweepDueTimers({ env, d1: env.DB }, doomed.clock.ports, simTiming)).toMatchObject({
      failedTimers: 1,
      timerMessages: [],
    });
    expect(await timerStates(db, doomed.tenant)).toMatchObject([{ state: 'failed' }]);
  });

  it('stops a claimed timer whose case was cured between the claim and the write', async () => {
    const t = await oneRevisit();
    t.clock.set(due);
    // The cure lands right after the consumer read the case as active, before its action's batch.
    const racing = {
      ...env,
      DB: beforeBatches(db, async (n) => {
        if (n === 2) await db.prepare(`UPDATE cases SET status = 'cured' WHERE id = ?`).bind(t.caseId).run();
      }),
    };
    await deliver(t.consumer, racing, [t.message], due);
    expect(await t.visits()).toBe(0);
    expect(await timerStates(db, t.tenant)).toMatchObject([{ state: 'cancelled' }]);
  });
});
