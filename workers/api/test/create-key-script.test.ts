/**
 * `scripts/admin/create-key.ts` runs its SQL through `wrangler d1 execute`; here the same SQL runs
 * against the test D1, and the key it creates must authenticate with its role and scope.
 */
import { env } from 'cloudflare:test';
import { beforeAll, expect, it } from 'vitest';
import { createKeySql, indexKeySql, keySpecOf } from '../../../scripts/admin/key-sql';
import { hashApiKey } from '../src/auth/api-key';
import { shardDb, type TestShard } from './fixtures/shards';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
let away: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('createkey');
  away = await createFixtureTenant('createkey_away', { shard: 'DB_1' });
});

/** As the script runs it: the key's SQL in the tenant's database, then its index in the directory. */
async function runScript(args: Record<string, string>, suffix: string, shard: TestShard = 'DB') {
  const now = Date.now();
  const checked = keySpecOf(args, now);
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  const key = `dsk_createkey_${suffix}_secret`;
  const sql = await createKeySql(
    checked.spec,
    key,
    { keyId: `key_ck_${suffix}`, auditId: `aud_ck_${suffix}` },
    now,
  );
  const db = shardDb(shard);
  const results = await db.batch(
    sql
      .split(';\n')
      .filter((statement) => statement.trim() !== '')
      .map((statement) => db.prepare(statement)),
  );
  const counted = results.at(-1)?.results[0] as { created?: number } | undefined;
  if (counted?.created === 1)
    await env.DB.prepare(indexKeySql(await hashApiKey(key), checked.spec.tenantId)).run();
  return { key, inserted: counted?.created ?? -1 };
}

it('adds a working admin key to an existing tenant, with its audit row', async () => {
  const { key, inserted } = await runScript(
    { tenant: f.tenantId, name: 'Recovered admin', role: 'admin' },
    'admin',
  );
  expect(inserted).toBe(1);
  const keys = await call(key, 'GET', '/v1/api-keys');
  expect(keys.status).toBe(200);
  const audit = await env.DB.prepare(
    `SELECT actor_role, action FROM audit_log WHERE subject_id = 'key_ck_admin'`,
  ).first();
  expect(audit).toEqual({ actor_role: 'operator', action: 'api-key.created' });
});

it('scopes an agent key to its agent, taking the agency from the agent row', async () => {
  const { key } = await runScript(
    { tenant: f.tenantId, name: 'Phone of A1', role: 'agent', agent: f.agentA1 },
    'agent',
  );
  const visits = await (await call(key, 'GET', '/v1/visits')).json<{ items: { id: string }[] }>();
  expect(visits.items.map((visit) => visit.id)).toEqual([f.visitA1]);
  const row = await env.DB.prepare(`SELECT agency_id FROM api_keys WHERE id = 'key_ck_agent'`).first();
  expect(row).toEqual({ agency_id: f.agencyA });
});

it('creates nothing for a tenant, or an agent of a tenant, that does not exist', async () => {
  expect((await runScript({ tenant: 'ten_nowhere', name: 'Ghost', role: 'admin' }, 'ghost')).inserted).toBe(
    0,
  );
  const foreignAgent = await runScript(
    { tenant: f.tenantId, name: 'Ghost', role: 'agent', agent: 'agt_elsewhere' },
    'ghost2',
  );
  expect(foreignAgent.inserted).toBe(0);
  const audit = await env.DB.prepare(
    `SELECT COUNT(*) AS n FROM audit_log WHERE subject_id IN ('key_ck_ghost', 'key_ck_ghost2')`,
  ).first();
  expect(audit).toEqual({ n: 0 });
});

it('adds a key to a tenant on another database, where the tenant lives, indexed in the directory', async () => {
  const { key, inserted } = await runScript(
    { tenant: away.tenantId, name: 'Away admin', role: 'admin' },
    'away',
    'DB_1',
  );
  expect(inserted).toBe(1);
  const cases = await call(key, 'GET', '/v1/cases');
  expect(cases.status).toBe(200);
  expect(((await cases.json()) as { items: { id: string }[] }).items.map((item) => item.id).sort()).toEqual(
    [away.caseA, away.caseB].sort(),
  );
  expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM api_keys WHERE id = 'key_ck_away'`).first()).toEqual(
    { n: 0 },
  );
});
