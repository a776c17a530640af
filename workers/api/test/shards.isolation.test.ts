/**
 * Two tenants on two D1 databases (`DB`, which is also the directory, and `DB_1`): every request, intake
 * delivery, queue job and cron sweep reaches the tenant's own database, and neither tenant ever sees a
 * row of the other — through the API or through jobs.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/api-key';
import { sweepDueTimers } from '../src/follow-ups/sweep';
import type { JobMessage } from '../src/jobs/messages';
import { tenantTables } from '../src/shards/tenant-tables';
import { atServerTime } from './fixtures/clock';
import { newAgentBody, shardDb, type TestShard } from './fixtures/shards';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { consumerWith, deliver, simClock } from './follow-ups.fixtures';
import { delinquency, newSecret, signedFetch } from './intake.helpers';

const NOW = '2026-11-02T03:00:00.000Z';
const ON_THE_PHONE = ['state_name_and_bank', 'confirm_right_party', 'state_purpose'].map((item) => ({
  item,
  confirmed: true,
}));

let a: FixtureTenant;
let b: FixtureTenant;
const secrets: Record<string, string> = {};

async function giveIntakeSecret(f: FixtureTenant, shard: TestShard) {
  secrets[f.tenantId] = newSecret();
  await shardDb(shard)
    .prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
    .bind(`isec_${f.tenantId}`, f.tenantId, secrets[f.tenantId])
    .run();
}

beforeAll(async () => {
  a = await createFixtureTenant('shiso_a');
  b = await createFixtureTenant('shiso_b', { shard: 'DB_1' });
  await giveIntakeSecret(a, 'DB');
  await giveIntakeSecret(b, 'DB_1');
});

/** Rows of `tenantId` in every tenant table of one database, by table (tables with none left out). */
async function rowsOf(shard: TestShard, tenantId: string): Promise<Record<string, number>> {
  const d1 = shardDb(shard);
  const { tables } = await tenantTables(d1);
  const counts = await d1.batch<{ n: number }>(
    tables.map((table) =>
      d1
        .prepare(
          `SELECT COUNT(*) AS n FROM "${table.name}" WHERE ${table.tenantKey === 'body.tenantId' ? `json_extract(body, '$.tenantId')` : table.tenantKey} = ?`,
        )
        .bind(tenantId),
    ),
  );
  return Object.fromEntries(
    tables.map((table, i) => [table.name, counts[i]?.results[0]?.n ?? 0]).filter(([, n]) => n !== 0),
  );
}

const idsOf = async (response: Response) =>
  ((await response.json()) as { items: { id: string }[] }).items.map((item) => item.id).sort();

describe('tenants on different databases', () => {
  it('see only their own rows through the API, and write only to their own database', async () => {
    expect(await idsOf(await call(a.keys.supervisor, 'GET', '/v1/cases'))).toEqual([a.caseA, a.caseB].sort());
    expect(await idsOf(await call(b.keys.supervisor, 'GET', '/v1/cases'))).toEqual([b.caseA, b.caseB].sort());
    for (const [reader, other] of [
      [a, b],
      [b, a],
    ] as const) {
      expect((await call(reader.keys.admin, 'GET', `/v1/cases/${other.caseA}`)).status).toBe(404);
      expect((await call(reader.keys.admin, 'GET', `/v1/customers/${other.customerA}`)).status).toBe(404);
      expect((await call(reader.keys.admin, 'GET', `/v1/visits/${other.visitA1}`)).status).toBe(404);
    }

    // A write by B's key lands in DB_1.
    const created = await call(b.keys.admin, 'POST', '/v1/agents', {
      body: newAgentBody('Li Lei', b.agencyA),
    });
    expect(created.status).toBe(201);
    const agent = (await created.json()) as { id: string };
    const inDb = (shard: TestShard, table: string, id: string) =>
      shardDb(shard)
        .prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE id = ?`)
        .bind(id)
        .first<{ n: number }>();
    expect(await inDb('DB_1', 'agents', agent.id)).toEqual({ n: 1 });
    expect(await inDb('DB', 'agents', agent.id)).toEqual({ n: 0 });

    // A key B's admin creates is stored with B and works at once: the directory indexes it.
    const keyResponse = await call(b.keys.admin, 'POST', '/v1/api-keys', {
      body: { name: 'Night shift', role: 'supervisor' },
    });
    expect(keyResponse.status).toBe(201);
    const { secret, apiKey } = (await keyResponse.json()) as { secret: string; apiKey: { id: string } };
    expect(await inDb('DB_1', 'api_keys', apiKey.id)).toEqual({ n: 1 });
    expect(await inDb('DB', 'api_keys', apiKey.id)).toEqual({ n: 0 });
    expect(
      await env.DB.prepare('SELECT tenant_id FROM directory_keys WHERE key_hash = ?')
        .bind(await hashApiKey(secret))
        .first(),
    ).toEqual({ tenant_id: b.tenantId });
    expect(await idsOf(await call(secret, 'GET', '/v1/cases'))).toEqual([b.caseA, b.caseB].sort());

    // Intake names its tenant; the delivery is checked against that tenant's secret, on its database.
    for (const [f, n] of [
      [a, 'shiso-a'],
      [b, 'shiso-b'],
    ] as const) {
      const response = await signedFetch('/v1/intake/events', {
        tenantId: f.tenantId,
        secrets: [secrets[f.tenantId] as string],
        body: JSON.stringify([delinquency(n, 1, 40, 250_000, '2026-10-30T00:00:00Z')]),
      });
      expect(response.status).toBe(200);
    }
    // B's secret does not open A's intake: it is checked where A's secrets are.
    const forged = await signedFetch('/v1/intake/events', {
      tenantId: a.tenantId,
      secrets: [secrets[b.tenantId] as string],
      body: JSON.stringify([delinquency('forged', 1, 40, 250_000, '2026-10-30T00:00:00Z')]),
    });
    expect(forged.status).toBe(401);

    const [aOnDb, aOnDb1, bOnDb, bOnDb1] = await Promise.all([
      rowsOf('DB', a.tenantId),
      rowsOf('DB_1', a.tenantId),
      rowsOf('DB', b.tenantId),
      rowsOf('DB_1', b.tenantId),
    ]);
    expect(aOnDb1).toEqual({});
    expect(bOnDb).toEqual({});
    expect(aOnDb).toMatchObject({ agents: 2, api_keys: 6, event_inbox: 1, accounts: 3 });
    expect(bOnDb1).toMatchObject({
      agents: 3,
      api_keys: 7,
      event_inbox: 1,
      accounts: 3,
      audit_log: expect.any(Number),
    });
  });

  it('run their jobs on their own database: sweeps per shard, consumers by the tenant the message names', async () => {
    const promise = (f: FixtureTenant) =>
      atServerTime(NOW, () =>
        call(f.keys.supervisor, 'POST', `/v1/cases/${f.caseA}/promises`, {
          body: {
            channel: 'call',
            checklist: ON_THE_PHONE,
            amount: { amountMinor: 40_000, currency: 'CNY' },
            dueDate: '2026-11-15',
          },
        }),
      );
    expect((await promise(a)).status).toBe(201);
    expect((await promise(b)).status).toBe(201);
    const timerOf = (shard: TestShard, f: FixtureTenant) =>
      shardDb(shard)
        .prepare(`SELECT id, state FROM follow_up_timers WHERE tenant_id = ? AND kind = 'promise_check'`)
        .bind(f.tenantId)
        .first<{ id: string; state: string }>();
    const bTimer = await timerOf('DB_1', b);
    expect(bTimer?.state).toBe('pending');
    expect(await timerOf('DB', b)).toBeNull();

    // Each shard's sweep finds only the timers of the tenants that live in it.
    const clock = simClock(Date.parse('2026-11-17T00:00:00Z'));
    const swept = {
      DB: await sweepDueTimers({ env, d1: env.DB }, clock.ports),
      DB_1: await sweepDueTimers({ env, d1: env.DB_1 }, clock.ports),
    };
    expect(swept.DB_1.timerMessages.map((m) => m.body.tenantId)).toEqual([b.tenantId]);
    expect(swept.DB.timerMessages.map((m) => m.body.tenantId)).not.toContain(b.tenantId);
    expect(swept.DB.timerMessages.map((m) => m.body.tenantId)).toContain(a.tenantId);

    // A message that names B's timer under A is looked for in A's database, and finds nothing there.
    const consumer = consumerWith(clock.ports);
    const misnamed: JobMessage = { type: 'timer.due', v: 1, tenantId: a.tenantId, timerId: bTimer!.id };
    await deliver(consumer, env, [misnamed], clock.ports.now());
    expect((await timerOf('DB_1', b))?.state).toBe('enqueued');

    // B's own message is acted on in DB_1: the promise is checked there, and nothing of B appears in DB.
    await deliver(
      consumer,
      env,
      swept.DB_1.timerMessages.map((m) => m.body),
      clock.ports.now(),
    );
    expect((await timerOf('DB_1', b))?.state).not.toMatch(/pending|enqueued|claimed/);
    const checked = await env.DB_1.prepare(`SELECT status FROM promises WHERE tenant_id = ?`)
      .bind(b.tenantId)
      .first<{ status: string }>();
    expect(checked?.status).toBe('broken');
    expect(await rowsOf('DB', b.tenantId)).toEqual({});
    expect(await rowsOf('DB_1', a.tenantId)).toEqual({});
  });
});
