import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { delinquency, intakeTenant, NDJSON, newSecret, signedFetch } from './intake.helpers';

const EVENTS = '/v1/intake/events';
const body = (n: string) => JSON.stringify(delinquency(n, 1, 30, 100, '2026-10-01T00:00:00Z'));

async function code(response: Response): Promise<string> {
  return (await response.json<{ code: string }>()).code;
}

describe('intake signatures', () => {
  it('refuses a wrong secret, a tampered body and another tenant’s header', async () => {
    const a = await intakeTenant('sigA');
    const b = await intakeTenant('sigB');
    const wrong = await signedFetch(EVENTS, {
      tenantId: a.tenantId,
      secrets: [newSecret()],
      body: body('1'),
    });
    expect(wrong.status).toBe(401);
    expect(await code(wrong)).toBe('INTAKE.BAD_SIGNATURE');
    const tampered = await signedFetch(EVENTS, {
      tenantId: a.tenantId,
      secrets: [a.secret],
      body: body('1'),
      sentBody: body('2'),
    });
    expect(tampered.status).toBe(401);
    const crossTenant = await signedFetch(EVENTS, {
      tenantId: b.tenantId,
      secrets: [a.secret],
      body: body('1'),
    });
    expect(crossTenant.status).toBe(401);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM accounts WHERE tenant_id IN (?, ?)')
      .bind(a.tenantId, b.tenantId)
      .first();
    expect(rows).toEqual({ n: 0 });
  });

  it('refuses a delivery signed more than 5 minutes away, even a replay of an accepted one', async () => {
    const { tenantId, secret } = await intakeTenant('stale');
    const sent = { tenantId, secrets: [secret], id: 'msg_replayed', body: body('1') };
    expect((await signedFetch(EVENTS, sent)).status).toBe(200);
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const replayed = await signedFetch(EVENTS, { ...sent, at: new Date(Date.now() + offset) });
      expect(replayed.status).toBe(401);
      expect(await code(replayed)).toBe('INTAKE.STALE_TIMESTAMP');
    }
    const inTolerance = await signedFetch(EVENTS, { ...sent, at: new Date(Date.now() - 4 * 60_000) });
    expect(inTolerance.status).toBe(200);
  });

  it('accepts the old and the new secret during a rotation and refuses the old one once revoked', async () => {
    const { tenantId, secret: old } = await intakeTenant('rotate');
    const fresh = newSecret();
    await env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 1)')
      .bind(`isec_${tenantId}_new`, tenantId, fresh)
      .run();
    expect((await signedFetch(EVENTS, { tenantId, secrets: [old], body: body('1') })).status).toBe(200);
    expect((await signedFetch(EVENTS, { tenantId, secrets: [fresh], body: body('2') })).status).toBe(200);
    expect(
      (await signedFetch(EVENTS, { tenantId, secrets: [newSecret(), fresh], body: body('3') })).status,
    ).toBe(200);

    await env.DB.prepare('UPDATE intake_secrets SET revoked_at = ? WHERE id = ?')
      .bind(Date.now() - 1_000, `isec_${tenantId}`)
      .run();
    const revoked = await signedFetch(EVENTS, { tenantId, secrets: [old], body: body('4') });
    expect(revoked.status).toBe(401);
    expect(await code(revoked)).toBe('INTAKE.BAD_SIGNATURE');
    expect((await signedFetch(EVENTS, { tenantId, secrets: [fresh], body: body('5') })).status).toBe(200);
  });

  it('signs batch reads too: an unsigned or foreign read of a batch is refused', async () => {
    const a = await intakeTenant('readA');
    const b = await intakeTenant('readB');
    const posted = await signedFetch('/v1/intake/batches', {
      contentType: NDJSON,
      tenantId: a.tenantId,
      secrets: [a.secret],
      body: body('1'),
    });
    const location = posted.headers.get('Location')!;
    const foreign = await signedFetch(location, { tenantId: b.tenantId, secrets: [b.secret], method: 'GET' });
    expect(foreign.status).toBe(404);
    const unsigned = await signedFetch(location, {
      tenantId: a.tenantId,
      secrets: [newSecret()],
      method: 'GET',
    });
    expect(unsigned.status).toBe(401);
  });
});
