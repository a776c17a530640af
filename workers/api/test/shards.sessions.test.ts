/**
 * Read replication through D1 sessions: every answer carries `x-d1-bookmark` (`<shard>:<bookmark>`),
 * and a client that sends back the bookmark of its write reads at least that write. Locally there is no
 * replica, so sessions answer as the primary does; what is checked here is the contract around them.
 */
import { createExecutionContext, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { delinquency, intakeTenant, signedRequest } from './intake.helpers';

const BOOKMARK = /^(DB|DB_1):[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

let home: FixtureTenant;
let away: FixtureTenant;

beforeAll(async () => {
  home = await createFixtureTenant('shsess_h');
  away = await createFixtureTenant('shsess_a', { shard: 'DB_1' });
});

const agentBody = (f: FixtureTenant, name: string) => ({
  name,
  agencyId: f.agencyA,
  homeBase: { lat: 22.55, lon: 114.06 },
  shift: { start: '09:00', end: '18:00' },
  dailyCapacity: 6,
});

describe('read replicas through D1 sessions', () => {
  it('answer reads and writes with the bookmark of the tenant’s own database', async () => {
    for (const [f, shard] of [
      [home, 'DB'],
      [away, 'DB_1'],
    ] as const) {
      const read = await call(f.keys.supervisor, 'GET', '/v1/cases');
      expect(read.headers.get('x-d1-bookmark')).toMatch(BOOKMARK);
      expect(read.headers.get('x-d1-bookmark')?.split(':')[0]).toBe(shard);
      const write = await call(f.keys.admin, 'POST', '/v1/agents', { body: agentBody(f, 'Sun Li') });
      expect(write.status).toBe(201);
      expect(write.headers.get('x-d1-bookmark')?.split(':')[0]).toBe(shard);
    }
  });

  it('let a client read its own write by sending the write’s bookmark back', async () => {
    const write = await call(away.keys.admin, 'POST', '/v1/agents', { body: agentBody(away, 'Qian Yu') });
    const { id } = (await write.json()) as { id: string };
    const bookmark = write.headers.get('x-d1-bookmark') as string;
    const read = await call(away.keys.admin, 'GET', `/v1/agents/${id}`, {
      headers: { 'x-d1-bookmark': bookmark },
    });
    expect(read.status).toBe(200);
    // The session continues from the write: its bookmark is not older than the write's.
    expect((read.headers.get('x-d1-bookmark') as string) >= bookmark).toBe(true);
  });

  it('refuse a bookmark they did not give out (422 at the header), and start another shard’s on the primary', async () => {
    for (const bad of ['yesterday', 'DB_1:0000', `DB_1:${'0'.repeat(300)}`]) {
      const response = await call(away.keys.admin, 'GET', '/v1/cases', { headers: { 'x-d1-bookmark': bad } });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        code: 'REQUEST.INVALID',
        errors: [{ in: 'header', path: 'x-d1-bookmark' }],
      });
    }
    // A bookmark of the database the tenant lived on before a move: accepted, read from the primary.
    const old = `DB:${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(32)}`;
    const moved = await call(away.keys.admin, 'GET', '/v1/cases', { headers: { 'x-d1-bookmark': old } });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('x-d1-bookmark')?.split(':')[0]).toBe('DB_1');
  });
});

describe('what the tenant directory costs a request', () => {
  const cost = async (f: FixtureTenant) => {
    // The first request of a minute also records the key's use; the second is the steady state.
    await call(f.keys.analyst, 'GET', '/v1/cases?limit=5');
    const response = await call(f.keys.analyst, 'GET', '/v1/cases?limit=5');
    return {
      statements: Number(response.headers.get('X-D1-Queries')),
      roundTrips: Number(response.headers.get('X-D1-Round-Trips')),
    };
  };

  it('is no extra round trip for a tenant of the directory database, one for a tenant on another shard', async () => {
    const inDirectory = await cost(home);
    const elsewhere = await cost(away);
    // Key and placement in one batch; then the route's own two: the page, and its cases' latest screenings.
    expect(inDirectory).toEqual({ statements: expect.any(Number), roundTrips: 3 });
    expect(elsewhere).toEqual({
      statements: inDirectory.statements + 1,
      roundTrips: inDirectory.roundTrips + 1,
    });
  });

  it('is one point read more for an intake delivery with two shards, none with one (a one-database deployment)', async () => {
    const { tenantId, secret } = await intakeTenant('shsess_i');
    const deliver = async (shards: string[], n: string) => {
      const request = signedRequest('/v1/intake/events', {
        tenantId,
        secrets: [secret],
        body: JSON.stringify(delinquency(n, 1, 35, 120_000, new Date().toISOString())),
      });
      const response = await worker.fetch(request, { ...env, SHARDS: shards }, createExecutionContext());
      expect(response.status).toBe(200);
      return Number(response.headers.get('X-D1-Round-Trips'));
    };
    // The placement, then the read batch (secrets, inbox, state), then the write batch.
    expect(await deliver(['DB', 'DB_1'], '1')).toBe(3);
    expect(await deliver(['DB'], '2')).toBe(2);
  });
});
