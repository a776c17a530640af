/**
 * What keeps a tenant's rows still while a move copies them, however a write arrives: the directory
 * turns requests, intake and jobs away up front, and the fence in the database refuses whatever was
 * already under way — and the cron sweeps, which write across tenants, leave a fenced tenant out.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import { createQueueHandler } from '../src/jobs/consumer';
import type { JobMessage } from '../src/jobs/messages';
import { jobHandlers } from '../src/jobs/registry';
import { installFence } from '../src/shards/fence';
import { tenantTables } from '../src/shards/tenant-tables';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { simClock } from './follow-ups.fixtures';
import { delinquency, NDJSON, newSecret, signedFetch } from './intake.helpers';

let frozen: FixtureTenant;
let other: FixtureTenant;

const freeze = (tenantId: string) =>
  env.DB.prepare(
    `INSERT INTO shard_fences (tenant_id, move_id, role, phase, since) VALUES (?, 'mov_test', 'source', 'frozen', 0)`,
  )
    .bind(tenantId)
    .run();
const thaw = (tenantId: string) =>
  env.DB.prepare('DELETE FROM shard_fences WHERE tenant_id = ?').bind(tenantId).run();
const setState = (tenantId: string, state: 'active' | 'moving') =>
  env.DB.prepare(
    `INSERT INTO directory_tenants (tenant_id, shard, state, updated_at) VALUES (?, 'DB', ?, 0)
     ON CONFLICT (tenant_id) DO UPDATE SET state = excluded.state`,
  )
    .bind(tenantId, state)
    .run();

const agentBody = (agencyId: string) => ({
  name: 'Zhao Min',
  agencyId,
  homeBase: { lat: 22.55, lon: 114.06 },
  shift: { start: '09:00', end: '18:00' },
  dailyCapacity: 6,
});
const agents = (tenantId: string) =>
  env.DB.prepare('SELECT COUNT(*) AS n FROM agents WHERE tenant_id = ?')
    .bind(tenantId)
    .first<{ n: number }>();

beforeAll(async () => {
  frozen = await createFixtureTenant('shfence_f');
  other = await createFixtureTenant('shfence_o');
  await installFence(env.DB, (await tenantTables(env.DB)).tables);
});

describe('the fence of a tenant being moved', () => {
  it('refuses a write that was already under way (503 TENANT.MOVING, nothing written), and no other tenant’s', async () => {
    // The directory still says active, as it did when the request began; the rows are frozen since.
    await freeze(frozen.tenantId);
    try {
      const before = await agents(frozen.tenantId);
      const refused = await call(frozen.keys.admin, 'POST', '/v1/agents', {
        body: agentBody(frozen.agencyA),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('Retry-After')).toBe('30');
      expect(((await refused.json()) as { code: string }).code).toBe('TENANT.MOVING');
      expect(await agents(frozen.tenantId)).toEqual(before);
      await expect(
        env.DB.prepare(`UPDATE cases SET priority = 0 WHERE tenant_id = ?`).bind(frozen.tenantId).run(),
      ).rejects.toThrow(/DOORSTEP_TENANT_MOVING/);
      await expect(
        env.DB.prepare(`DELETE FROM visits WHERE tenant_id = ?`).bind(frozen.tenantId).run(),
      ).rejects.toThrow(/DOORSTEP_TENANT_MOVING/);
      // Reads are served from the frozen rows.
      expect((await call(frozen.keys.admin, 'GET', `/v1/cases/${frozen.caseA}`)).status).toBe(200);
      expect(
        (await call(other.keys.admin, 'POST', '/v1/agents', { body: agentBody(other.agencyA) })).status,
      ).toBe(201);
    } finally {
      await thaw(frozen.tenantId);
    }
    expect(
      (await call(frozen.keys.admin, 'POST', '/v1/agents', { body: agentBody(frozen.agencyA) })).status,
    ).toBe(201);
  });

  it('keeps the cron sweeps off a fenced tenant’s rows, and the other tenants’ work going', async () => {
    const due = Date.parse('2026-11-03T00:00:00Z');
    const timer = (f: FixtureTenant) =>
      env.DB.prepare(
        `INSERT INTO follow_up_timers (id, tenant_id, case_id, kind, due_at, state, payload, reason, idempotency_key, attempts, created_at, updated_at)
         VALUES (?, ?, ?, 'promise_check', ?, 'pending', '{}', '[]', ?, 0, 0, 0)`,
      ).bind(`tmr_${f.tenantId}`, f.tenantId, f.caseA, due, `fence-${f.tenantId}`);
    await env.DB.batch([timer(frozen), timer(other)]);
    await freeze(frozen.tenantId);
    try {
      const swept = await sweepDueTimers({ env, d1: env.DB }, simClock(due + 1).ports);
      const tenants = swept.timerMessages.map((message) => message.body.tenantId);
      expect(tenants).toContain(other.tenantId);
      expect(tenants).not.toContain(frozen.tenantId);
    } finally {
      await thaw(frozen.tenantId);
    }
    const swept = await sweepDueTimers({ env, d1: env.DB }, simClock(due + 2).ports);
    expect(swept.timerMessages.map((message) => message.body.tenantId)).toContain(frozen.tenantId);
  });

  it('makes a moving tenant’s jobs wait: sent again later, untouched meanwhile', async () => {
    await setState(frozen.tenantId, 'moving');
    const sent: { body: unknown; delaySeconds: number | undefined }[] = [];
    const jobs = {
      send: async (body: unknown, options?: { delaySeconds?: number }) => {
        sent.push({ body, delaySeconds: options?.delaySeconds });
      },
    } as unknown as Queue;
    const job: JobMessage = { type: 'plan.solve', v: 1, tenantId: frozen.tenantId, planId: 'vpl_never' };
    const batch = createMessageBatch<unknown>('doorstep-jobs', [
      { id: 'm-fence-1', timestamp: new Date(), attempts: 1, body: job },
    ]);
    try {
      await createQueueHandler(jobHandlers, 'doorstep-jobs-dlq')(batch, { ...env, JOBS: jobs });
      const result = await getQueueResult(batch, createExecutionContext());
      expect(result.explicitAcks).toEqual(['m-fence-1']);
      expect(result.retryMessages).toEqual([]);
      expect(sent).toEqual([{ body: job, delaySeconds: 30 }]);
    } finally {
      await setState(frozen.tenantId, 'active');
    }
  });

  it('holds intake events while the tenant moves (202, the same for a redelivery), refuses a batch file', async () => {
    const secret = newSecret();
    await env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
      .bind(`isec_${frozen.tenantId}`, frozen.tenantId, secret)
      .run();
    await setState(frozen.tenantId, 'moving');
    try {
      const body = JSON.stringify([delinquency('fence-1', 1, 40, 200_000, '2026-10-30T00:00:00Z')]);
      const send = (text: string) =>
        signedFetch('/v1/intake/events', {
          tenantId: frozen.tenantId,
          secrets: [secret],
          id: 'wh_fence',
          body: text,
        });
      const held = await send(body);
      expect(held.status).toBe(202);
      expect(await held.json()).toEqual({ webhookId: 'wh_fence', received: 1, held: true });
      expect((await send(body)).status).toBe(202);
      const reused = await send(JSON.stringify([delinquency('fence-2', 1, 40, 1, '2026-10-30T00:00:00Z')]));
      expect(reused.status).toBe(422);
      // An invalid delivery is refused now, not held to fail later.
      expect(
        (
          await signedFetch('/v1/intake/events', {
            tenantId: frozen.tenantId,
            secrets: [secret],
            body: '[{}]',
          })
        ).status,
      ).toBe(422);
      const file = await signedFetch('/v1/intake/batches', {
        tenantId: frozen.tenantId,
        secrets: [secret],
        body: `${JSON.stringify(delinquency('fence-3', 1, 40, 1, '2026-10-30T00:00:00Z'))}\n`,
        contentType: NDJSON,
      });
      expect(file.status).toBe(503);
      expect(((await file.json()) as { code: string }).code).toBe('TENANT.MOVING');
      expect(
        await env.DB.prepare('SELECT webhook_id FROM directory_intake_hold WHERE tenant_id = ?')
          .bind(frozen.tenantId)
          .all(),
      ).toMatchObject({ results: [{ webhook_id: 'wh_fence' }] });
      expect(
        await env.DB.prepare(
          `SELECT COUNT(*) AS n FROM accounts WHERE tenant_id = ? AND external_ref = 'A-fence-1'`,
        )
          .bind(frozen.tenantId)
          .first(),
      ).toEqual({ n: 0 });
    } finally {
      await setState(frozen.tenantId, 'active');
      await env.DB.prepare('DELETE FROM directory_intake_hold WHERE tenant_id = ?')
        .bind(frozen.tenantId)
        .run();
    }
  });
});
