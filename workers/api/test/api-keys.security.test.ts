/**
 * Findings 2, 4 and 6 of the security review, for API keys: a rotation is one guarded transition (one
 * successor, every concurrent attempt 409), a tenant cannot lose its last active admin key, and a key
 * is never created already expired (nor for ever and a day).
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/auth/api-key';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('keysec');
});

/** A fresh supervisor key of the fixture tenant, written straight to D1. */
async function supervisorKey(name: string): Promise<{ id: string; secret: string }> {
  const id = `key_keysec_${name}`;
  const secret = `dsk_keysec_${name}_secret`;
  await env.DB.prepare(
    `INSERT INTO api_keys (id, tenant_id, name, key_hash, key_prefix, role, created_at) VALUES (?, ?, ?, ?, ?, 'supervisor', 0)`,
  )
    .bind(id, f.tenantId, name, await hashApiKey(secret), secret.slice(0, 12))
    .run();
  return { id, secret };
}

const activeKeysNamed = async (name: string) =>
  (
    await env.DB.prepare(
      'SELECT id FROM api_keys WHERE tenant_id = ? AND name = ? AND revoked_at IS NULL ORDER BY id',
    )
      .bind(f.tenantId, name)
      .all<{ id: string }>()
  ).results.map((row) => row.id);

describe('rotating a key', () => {
  for (const trial of [1, 2, 3])
    it(`20 parallel rotations of one key give exactly one successor; the others are 409 (trial ${trial})`, async () => {
      const name = `rotated-${trial}`;
      const key = await supervisorKey(name);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => call(f.keys.admin, 'POST', `/v1/api-keys/${key.id}/rotate`)),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
      const conflicts = await Promise.all(
        responses.filter((r) => r.status === 409).map((r) => r.json<{ code: string }>()),
      );
      expect(new Set(conflicts.map((problem) => problem.code))).toEqual(new Set(['RESOURCE.CONFLICT']));
      const winner = await responses
        .find((response) => response.status === 201)!
        .json<{ apiKey: { id: string }; secret: string }>();
      // One working key with that name: the successor. The old one is revoked.
      expect(await activeKeysNamed(name)).toEqual([winner.apiKey.id]);
      expect((await call(key.secret, 'GET', '/v1/cases')).status).toBe(401);
      expect((await call(winner.secret, 'GET', '/v1/cases')).status).toBe(200);
      // The audit trail has one rotation.
      const audit = await env.DB.prepare(
        `SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'api-key.rotated' AND subject_id = ?`,
      )
        .bind(f.tenantId, key.id)
        .first<{ n: number }>();
      expect(audit?.n).toBe(1);
    });

  it('a retry of the winning rotation with its Idempotency-Key gets the same successor back', async () => {
    const key = await supervisorKey('rotated-retry');
    const headers = { 'Idempotency-Key': 'rotate-once' };
    const first = await call(f.keys.admin, 'POST', `/v1/api-keys/${key.id}/rotate`, { headers });
    const again = await call(f.keys.admin, 'POST', `/v1/api-keys/${key.id}/rotate`, { headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await again.json()).toEqual(await first.json());
  });
});

describe('revoking admin keys', () => {
  it('refuses to revoke the tenant’s last active admin key (409), itself included', async () => {
    const t = await createFixtureTenant('lastadmin');
    const revoke = (key: string, keyId: string) =>
      call(key, 'POST', `/v1/api-keys/${keyId}/revoke`, { body: { reason: 'leaving' } });
    // A second admin, created through the API, can be revoked while the first remains.
    const second = await call(t.keys.admin, 'POST', '/v1/api-keys', {
      body: { name: 'Deputy', role: 'admin' },
    });
    expect(second.status).toBe(201);
    const deputy = await second.json<{ apiKey: { id: string }; secret: string }>();
    expect((await revoke(deputy.secret, deputy.apiKey.id)).status).toBe(200);

    const self = await revoke(t.keys.admin, t.keyIds.admin);
    expect(self.status).toBe(409);
    expect(await self.json()).toMatchObject({ code: 'RESOURCE.CONFLICT' });
    expect((await call(t.keys.admin, 'GET', '/v1/api-keys')).status).toBe(200);

    // An expired admin key does not count as the other admin.
    await env.DB.prepare(
      `INSERT INTO api_keys (id, tenant_id, name, key_hash, key_prefix, role, created_at, expires_at) VALUES ('key_lastadmin_old', ?, 'Old admin', 'x-lastadmin-old', 'dsk_old', 'admin', 0, 1)`,
    )
      .bind(t.tenantId)
      .run();
    expect((await revoke(t.keys.admin, t.keyIds.admin)).status).toBe(409);
    // Other roles' keys are revoked as before.
    expect((await revoke(t.keys.admin, t.keyIds.analyst)).status).toBe(200);
  });

  it('rotating the last admin key keeps an admin (the successor), so it is allowed', async () => {
    const t = await createFixtureTenant('rotadmin');
    const rotated = await call(t.keys.admin, 'POST', `/v1/api-keys/${t.keyIds.admin}/rotate`);
    expect(rotated.status).toBe(201);
    const { secret } = await rotated.json<{ secret: string }>();
    expect((await call(secret, 'GET', '/v1/api-keys')).status).toBe(200);
  });
});

describe('key expiry', () => {
  it.each([
    ['already expired', new Date(Date.now() - 60_000).toISOString()],
    ['year 0000', '0000-01-01T00:00:00.000Z'],
    ['year 9999', '9999-12-31T00:00:00.000Z'],
  ])('refuses a key %s (422 at /expiresAt)', async (_, expiresAt) => {
    const response = await call(f.keys.admin, 'POST', '/v1/api-keys', {
      body: { name: 'Temp', role: 'analyst', expiresAt },
    });
    expect(response.status).toBe(422);
    const problem = await response.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toEqual(['/expiresAt']);
  });

  it('accepts a key that expires in a month', async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const response = await call(f.keys.admin, 'POST', '/v1/api-keys', {
      body: { name: 'Temp', role: 'analyst', expiresAt },
    });
    expect(response.status).toBe(201);
  });
});
