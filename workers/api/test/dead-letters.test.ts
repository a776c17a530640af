/**
 * Jobs that failed for good: the dead-letter queue's consumer records them, operators page through
 * their tenant's and replay one, once, with an audit row; a given-up timer is reopened and then acts once.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index';
import type { JobMessage } from '../src/jobs/messages';
import { revivalFor } from '../src/jobs/replay';
import { DISPATCH_LEASE_MS } from '../src/webhooks/outbox';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { consumerWith, DAY, deliver, insertRows, simClock, T0, timerStates } from './follow-ups.fixtures';

const db = env.DB;

interface DeadLetter {
  id: string;
  type: string | null;
  message: unknown;
  recordedAt: string;
  replayedAt: string | null;
}
interface Page {
  items: DeadLetter[];
  nextCursor: string | null;
}

let f: FixtureTenant;
let other: FixtureTenant;
const timerId = 'tmr_dlq_revisit';
/** A revisit that the sweep gave up on; due in simulated time, so the real-clock consumer leaves it be. */
const failedTimer = (tenantId: string, caseId: string) => ({
  id: timerId,
  tenant_id: tenantId,
  case_id: caseId,
  kind: 'revisit',
  due_at: T0,
  state: 'failed',
  attempts: 10,
  idempotency_key: `${caseId}:revisit::${T0}`,
  payload: '{}',
  reason: '{"code":"revisit.cadence","data":{},"message":"test"}',
  created_at: T0 - DAY,
  updated_at: T0,
});

async function deadLetterQueue(bodies: unknown[]) {
  const batch = createMessageBatch<unknown>(
    'doorstep-jobs-dlq',
    bodies.map((body, i) => ({ id: `dlq-msg-${i}`, timestamp: new Date(), attempts: 4, body })),
  );
  await worker.queue(batch, env);
  return getQueueResult(batch, createExecutionContext());
}

const list = async (key: string, query = '') =>
  (await (await call(key, 'GET', `/v1/dead-letters${query}`)).json()) as Page;

beforeAll(async () => {
  [f, other] = await Promise.all([createFixtureTenant('dlq'), createFixtureTenant('dlqother')]);
  await db.batch(insertRows(db, 'follow_up_timers', [failedTimer(f.tenantId, f.caseA)]));
  const result = await deadLetterQueue([
    { type: 'timer.due', v: 1, tenantId: f.tenantId, timerId },
    { type: 'screening.run', v: 1, tenantId: f.tenantId, runId: 'scr_none', afterCaseId: null },
    { type: 'plan.solve', v: 1, tenantId: f.tenantId, planId: 'vpl_none' },
    { type: 'timer.due', v: 1, tenantId: other.tenantId, timerId: 'tmr_other' },
    'not a job at all',
  ]);
  expect(result.explicitAcks).toHaveLength(5);
});

describe('dead letters', () => {
  it('lists the tenant’s own, newest first, a page at a time, and only those', async () => {
    const first = await list(f.keys.supervisor, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(f.keys.supervisor, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.map((d) => d.type).sort()).toEqual(['plan.solve', 'screening.run', 'timer.due']);
    const keys = all.map((d) => `${d.recordedAt} ${d.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(all.every((d) => d.replayedAt === null)).toBe(true);

    const theirs = await list(other.keys.admin);
    expect(theirs.items.map((d) => d.message)).toEqual([
      { type: 'timer.due', v: 1, tenantId: other.tenantId, timerId: 'tmr_other' },
    ]);
    const bad = await call(f.keys.admin, 'GET', '/v1/dead-letters?cursor=garbage');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('replays a letter once, audited, reopening the timer it names so the timer acts once', async () => {
    const { items } = await list(f.keys.admin, '?state=open&limit=200');
    const letter = items.find((d) => d.type === 'timer.due');
    if (!letter) throw new Error('no timer.due dead letter');

    const replay = () =>
      call(f.keys.admin, 'POST', `/v1/dead-letters/${letter.id}/replay`, {
        headers: { 'Idempotency-Key': `replay-${letter.id}` },
      });
    const replayed = await replay();
    expect(replayed.status).toBe(202);
    expect(((await replayed.json()) as DeadLetter).replayedAt).not.toBeNull();
    const retried = await replay();
    expect(retried.headers.get('Idempotent-Replayed')).toBe('true');
    const again = await call(f.keys.supervisor, 'POST', `/v1/dead-letters/${letter.id}/replay`);
    expect(again.status).toBe(409);
    const foreign = await call(other.keys.admin, 'POST', `/v1/dead-letters/${letter.id}/replay`);
    expect(foreign.status).toBe(404);

    expect((await list(f.keys.admin, '?state=replayed')).items.map((d) => d.id)).toEqual([letter.id]);
    expect((await list(f.keys.admin, '?state=open')).items).toHaveLength(2);
    const audit = await db
      .prepare(
        `SELECT subject_id, data FROM audit_log WHERE tenant_id = ? AND action = 'dead-letter.replayed'`,
      )
      .bind(f.tenantId)
      .all<{ subject_id: string; data: string }>();
    expect(audit.results.map((a) => [a.subject_id, JSON.parse(a.data).type])).toEqual([
      [letter.id, 'timer.due'],
    ]);

    expect(await timerStates(db, f.tenantId)).toMatchObject([
      { id: timerId, state: 'pending', attempts: 10 },
    ]);
    const consumer = consumerWith(simClock(T0).ports);
    const message = letter.message as JobMessage;
    expect(await deliver(consumer, env, [message, message], T0)).toEqual({ acked: 2, retried: [] });
    expect(await timerStates(db, f.tenantId)).toMatchObject([{ id: timerId, state: 'done', attempts: 11 }]);
    const visits = await db
      .prepare(`SELECT count(*) AS n FROM visits WHERE tenant_id = ? AND status = 'requested'`)
      .bind(f.tenantId)
      .first<{ n: number }>();
    expect(visits).toEqual({ n: 1 });
  });

  it('reopens a given-up webhook delivery for one attempt, and neither a delivered one nor a job kept in D1', async () => {
    const delivery = (id: string, status: string) => ({
      id,
      tenant_id: f.tenantId,
      subscription_id: 'whs_dlq',
      event_id: `evt_${id}`,
      event_type: 'plan.broken',
      payload: '{}',
      status,
      attempts: 8,
      created_at: T0,
    });
    await db.batch(
      insertRows(db, 'webhook_deliveries', [
        delivery('whd_failed', 'failed'),
        delivery('whd_done', 'delivered'),
      ]),
    );
    const now = T0 + DAY;
    const revive = (deliveryId: string) =>
      revivalFor(db, { type: 'webhook.deliver', v: 1, tenantId: f.tenantId, deliveryId }, now);
    await db.batch([...revive('whd_failed'), ...revive('whd_done')]);
    const rows = await db
      .prepare(
        `SELECT id, status, attempts, lease_until, next_attempt_at FROM webhook_deliveries WHERE tenant_id = ? ORDER BY id`,
      )
      .bind(f.tenantId)
      .all();
    expect(rows.results).toEqual([
      { id: 'whd_done', status: 'delivered', attempts: 8, lease_until: null, next_attempt_at: null },
      {
        id: 'whd_failed',
        status: 'pending',
        attempts: 8,
        lease_until: now + DISPATCH_LEASE_MS,
        next_attempt_at: now + DISPATCH_LEASE_MS,
      },
    ]);
    expect(
      revivalFor(
        db,
        { type: 'experiment.assign', v: 1, tenantId: f.tenantId, experimentId: 'exp_x', afterCaseId: null },
        now,
      ),
    ).toEqual([]);
  });

  it('reopens a plan and a screening run the stalled-work sweep gave up on, at the replayed cursor only', async () => {
    await db.batch([
      db
        .prepare(
          `INSERT INTO visit_plans (id, tenant_id, date, status, agent_ids, unassigned, stats, created_at)
           VALUES ('vpl_dlq', ?, '2026-12-02', 'failed', '[]', '[]', '{}', ?)`,
        )
        .bind(f.tenantId, T0),
      db
        .prepare(
          `INSERT INTO screening_runs (id, tenant_id, filter, policy_version, status, after_case_id, created_at, completed_at)
           VALUES ('scr_dlq', ?, '{}', 0, 'failed', 'case_m', ?, ?)`,
        )
        .bind(f.tenantId, T0, T0 + DAY),
    ]);
    const now = T0 + 2 * DAY;
    const run = (afterCaseId: string | null) =>
      revivalFor(
        db,
        { type: 'screening.run', v: 1, tenantId: f.tenantId, runId: 'scr_dlq', afterCaseId },
        now,
      );
    await db.batch([
      ...revivalFor(db, { type: 'plan.solve', v: 1, tenantId: f.tenantId, planId: 'vpl_dlq' }, now),
      ...run('case_a'),
    ]);
    const runStatus = () => db.prepare(`SELECT status FROM screening_runs WHERE id = 'scr_dlq'`).first();
    expect(await runStatus()).toEqual({ status: 'failed' });
    await db.batch(run('case_m'));
    expect(await runStatus()).toEqual({ status: 'running' });
    const plan = await db.prepare(`SELECT status, created_at FROM visit_plans WHERE id = 'vpl_dlq'`).first();
    expect(plan).toEqual({ status: 'solving', created_at: now });
  });
});
