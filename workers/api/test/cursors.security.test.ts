/**
 * Finding 8 of the security review: a cursor is a position this API issued, for this list and this
 * tenant. A hand-edited cursor — even one of the right shape — is 422 at `/cursor`, as the docs say.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { cursorSigningKey } from '../src/http/cursor';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
let other: FixtureTenant;

beforeAll(async () => {
  [f, other] = await Promise.all([createFixtureTenant('cursor'), createFixtureTenant('cursorother')]);
  const delivery = (tenant: FixtureTenant, n: number) =>
    env.DB.prepare(
      `INSERT INTO webhook_deliveries (id, tenant_id, subscription_id, event_id, event_type, payload, status, attempts, created_at)
       VALUES (?, ?, 'whs_cursor', ?, 'plan.broken', '{}', 'delivered', 1, ?)`,
    ).bind(`whd_${tenant.tenantId}_${n}`, tenant.tenantId, `evt_${tenant.tenantId}_${n}`, 1_000 + n);
  await env.DB.batch([1, 2, 3].flatMap((n) => [delivery(f, n), delivery(other, n)]));
});

const base64url = {
  decode: (text: string) =>
    new TextDecoder().decode(
      Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0)),
    ),
  encode: (text: string) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(text)))
      .replaceAll('+', '-')
      .replaceAll('/', '_')
      .replaceAll('=', ''),
};

/**
 * What a curious client does: decode the cursor's readable part, move it (another id, an earlier
 * instant) keeping its shape, encode it again, and keep whatever follows it unchanged.
 */
function handEdit(cursor: string): string {
  const [payload = '', ...rest] = cursor.split('.');
  const decoded = base64url.decode(payload);
  const edited = decoded.replace(/[a-z]_[a-z0-9_]+/i, (id) => `${id.slice(0, -1)}0`).replace(/\d{4}/, '1000');
  expect(edited).not.toBe(decoded);
  return [base64url.encode(edited), ...rest].join('.');
}

async function firstCursor(key: string, path: string): Promise<string> {
  const page = await call(key, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=1`);
  expect(page.status).toBe(200);
  const { nextCursor } = await page.json<{ nextCursor: string | null }>();
  if (nextCursor === null) throw new Error(`${path} has a single page`);
  return nextCursor;
}

const withCursor = (key: string, path: string, cursor: string) =>
  call(key, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=1&cursor=${encodeURIComponent(cursor)}`);

const LISTS = ['/v1/cases', '/v1/agents', '/v1/customers', '/v1/webhook-deliveries', '/v1/audit'] as const;

describe('cursors', () => {
  beforeAll(async () => {
    // Two audit rows, so the audit trail has a second page.
    for (const name of ['a', 'b'])
      await call(f.keys.admin, 'POST', '/v1/api-keys', { body: { name: `cursor ${name}`, role: 'analyst' } });
  });

  for (const path of LISTS) {
    it(`${path}: the issued cursor pages on; a hand-edited one of the same shape is 422 at /cursor`, async () => {
      const cursor = await firstCursor(f.keys.admin, path);
      expect((await withCursor(f.keys.admin, path, cursor)).status).toBe(200);
      const edited = await withCursor(f.keys.admin, path, handEdit(cursor));
      expect(edited.status).toBe(422);
      expect(await edited.json()).toMatchObject({
        code: 'REQUEST.INVALID',
        errors: [{ path: '/cursor', in: 'query' }],
      });
    });
  }

  it('a cursor of one list is refused by another, and a cursor of one tenant by another tenant', async () => {
    const cases = await firstCursor(f.keys.admin, '/v1/cases');
    expect((await withCursor(f.keys.admin, '/v1/customers', cases)).status).toBe(422);
    const deliveries = await firstCursor(f.keys.admin, '/v1/webhook-deliveries');
    expect((await withCursor(other.keys.admin, '/v1/webhook-deliveries', deliveries)).status).toBe(422);
  });

  it('garbage of any kind is 422, never a 500', async () => {
    for (const garbage of [
      'x',
      'eyJ',
      '....',
      'W10',
      'W251bGwsbnVsbF0',
      `${'A'.repeat(500)}.${'B'.repeat(11)}`,
    ])
      expect([garbage, (await withCursor(f.keys.admin, '/v1/cases', garbage)).status]).toEqual([
        garbage,
        422,
      ]);
  });
});

describe('the signing key', () => {
  it('is configured for these tests as in production, through the Worker secret', () => {
    expect(env.CURSOR_SIGNING_KEY).toBe('test-cursor-signing-key');
  });

  it('is the configured secret; local and test runs fall back to a development key; production never does', () => {
    expect(cursorSigningKey({ CURSOR_SIGNING_KEY: 's3cret', DOORSTEP_MODE: 'production' })).toBe('s3cret');
    expect(cursorSigningKey({ CURSOR_SIGNING_KEY: '', DOORSTEP_MODE: 'local' })).not.toBe('');
    expect(() => cursorSigningKey({ CURSOR_SIGNING_KEY: '', DOORSTEP_MODE: 'production' })).toThrow(
      /CURSOR_SIGNING_KEY/,
    );
  });
});
