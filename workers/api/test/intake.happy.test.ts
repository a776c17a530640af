import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { delinquency, intakeTenant, signedFetch } from './intake.helpers';

describe('intake events', () => {
  it('applies a signed event and opens a case', async () => {
    const { tenantId, secret } = await intakeTenant('happy');
    const response = await signedFetch('/v1/intake/events', {
      tenantId,
      secrets: [secret],
      body: JSON.stringify([delinquency('1', 1, 45, 320_000, '2026-10-01T00:00:00Z')]),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: 1, results: [{ index: 0, outcome: 'applied' }] });
    const row = await env.DB.prepare(
      'SELECT status, bucket, dpd, overdue_total FROM cases WHERE tenant_id = ?',
    )
      .bind(tenantId)
      .first();
    expect(row).toEqual({ status: 'open', bucket: 'M2', dpd: 45, overdue_total: 320_000 });
  });
});
