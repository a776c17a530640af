import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomId } from '../src/ports/runtime';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { insertRows } from './follow-ups.fixtures';

let f: FixtureTenant;
const at = Date.UTC(2026, 10, 3);

async function deliveryWith(status: 'pending' | 'delivered' | 'failed') {
  const id = randomId('whd');
  await env.DB.batch(
    insertRows(env.DB, 'webhook_deliveries', [
      {
        id,
        tenant_id: f.tenantId,
        subscription_id: randomId('whs'),
        event_id: randomId('evt'),
        event_type: 'plan.broken',
        payload: '{}',
        status,
        attempts: 8,
        next_attempt_at: null,
        created_at: at,
      },
    ]),
  );
  return id;
}

beforeAll(async () => {
  f = await createFixtureTenant('whops');
});

describe('follow-up operator endpoints', () => {
  it('redelivers a failed delivery once, refuses a pending one and does not see another tenant’s', async () => {
    const failed = await deliveryWith('failed');
    const redelivered = await call(f.keys.supervisor, 'POST', `/v1/webhook-deliveries/${failed}/redeliver`);
    expect(redelivered.status).toBe(202);
    expect(await redelivered.json()).toEqual({ deliveryId: failed, status: 'pending' });
    expect((await call(f.keys.supervisor, 'POST', `/v1/webhook-deliveries/${failed}/redeliver`)).status).toBe(
      409,
    );
    const other = await createFixtureTenant('whops2');
    expect((await call(other.keys.admin, 'POST', `/v1/webhook-deliveries/${failed}/redeliver`)).status).toBe(
      404,
    );
    // The operator's redelivery is in the audit trail, once: the refused attempts changed nothing.
    const audit = await env.DB.prepare(
      `SELECT actor_role FROM audit_log WHERE subject_id = ? AND action = 'webhook-delivery.redelivered'`,
    )
      .bind(failed)
      .all();
    expect(audit.results).toEqual([{ actor_role: 'supervisor' }]);
  });

  it('pages the delivery log newest first and filters by status', async () => {
    const ids = [await deliveryWith('failed'), await deliveryWith('delivered'), await deliveryWith('failed')];
    const first = await call(f.keys.admin, 'GET', '/v1/webhook-deliveries?status=failed&limit=1');
    const page = await first.json<{ items: { id: string; status: string }[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.status).toBe('failed');
    const rest = await (
      await call(
        f.keys.admin,
        'GET',
        `/v1/webhook-deliveries?status=failed&limit=50&cursor=${page.nextCursor}`,
      )
    ).json<{ items: { id: string }[] }>();
    const seen = [...page.items, ...rest.items].map((d) => d.id);
    expect(seen).toEqual(expect.arrayContaining([ids[0], ids[2]]));
    expect(seen).not.toContain(ids[1]);
    expect((await call(f.keys.admin, 'GET', '/v1/webhook-deliveries?cursor=bm9wZQ')).status).toBe(422);
  });

  it('keeps a customer’s lesson from keys outside the customer’s cases', async () => {
    await env.DB.batch(
      insertRows(env.DB, 'lesson_assignments', [
        {
          id: 'edu_whops_1',
          tenant_id: f.tenantId,
          customer_id: f.customerA,
          case_id: f.caseA,
          lesson_id: 'budgeting',
          lesson_version: 1,
          language: 'zh-CN',
          jurisdiction: 'cn',
          source: 'follow-up',
          source_id: 'tmr',
          assigned_at: at,
          local_date: '2026-11-03',
        },
      ]),
    );
    const answers = [0, 1, 2].map((choice, i) => ({ questionId: `q${i + 1}`, choice }));
    expect((await call(f.keys.agent, 'GET', '/v1/lesson-assignments/edu_whops_1')).status).toBe(200);
    expect((await call(f.keys.agent2, 'GET', '/v1/lesson-assignments/edu_whops_1')).status).toBe(404);
    const foreign = await call(f.keys.agent2, 'POST', '/v1/lesson-assignments/edu_whops_1/quiz', {
      body: { answers },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await call(f.keys.agent, 'POST', '/v1/lesson-assignments/edu_none/quiz', { body: { answers } }))
        .status,
    ).toBe(404);
    const events = await env.DB.prepare(`SELECT type FROM outbound_events WHERE tenant_id = ?`)
      .bind(f.tenantId)
      .all();
    expect(events.results).toEqual([]);
  });
});
