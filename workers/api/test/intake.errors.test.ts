import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { delinquency, event, intakeTenant, NDJSON, signedFetch } from './intake.helpers';

const EVENTS = '/v1/intake/events';

interface Problem {
  code: string;
  status: number;
  requestId: string;
  errors?: { path: string; code?: string }[];
}

async function problem(response: Response): Promise<Problem> {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return response.json<Problem>();
}

const accountsOf = async (tenantId: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM accounts WHERE tenant_id = ?')
    .bind(tenantId)
    .first<{ n: number }>())!.n;

describe('intake rejections', () => {
  it('answers a body that is not JSON with 400', async () => {
    const { tenantId, secret } = await intakeTenant('json');
    const response = await signedFetch(EVENTS, { tenantId, secrets: [secret], body: '[{"type":' });
    expect(response.status).toBe(400);
    expect(await problem(response)).toMatchObject({ code: 'REQUEST.MALFORMED_JSON' });
  });

  it('lists every bad field path of an array and applies none of its valid events', async () => {
    const { tenantId, secret } = await intakeTenant('schema');
    const bad = delinquency('2', 1, -1, 100, '2026-10-01T00:00:00Z') as { data: Record<string, unknown> };
    bad.data.currency = 'yuan';
    const body = JSON.stringify([
      delinquency('1', 1, 30, 100, '2026-10-01T00:00:00Z'),
      delinquency('1', 2, 31, 100, '2026-10-02T00:00:00Z'),
      delinquency('1', 3, 32, 100, '2026-10-03T00:00:00Z'),
      bad,
    ]);
    const response = await signedFetch(EVENTS, { tenantId, secrets: [secret], body });
    expect(response.status).toBe(422);
    const body422 = await problem(response);
    expect(body422.code).toBe('REQUEST.INVALID');
    expect(body422.errors?.map((e) => e.path).sort()).toEqual(['/3/data/currency', '/3/data/dpd']);
    expect(await accountsOf(tenantId)).toBe(0);
  });

  it('names an unknown event type', async () => {
    const { tenantId, secret } = await intakeTenant('type');
    const body = JSON.stringify([
      delinquency('1', 1, 30, 100, '2026-10-01T00:00:00Z'),
      event('loan.approved', '2026-10-01T00:00:00Z', {}),
    ]);
    const response = await signedFetch(EVENTS, { tenantId, secrets: [secret], body });
    expect(response.status).toBe(422);
    expect(await problem(response)).toMatchObject({
      code: 'INTAKE.UNKNOWN_EVENT_TYPE',
      errors: [{ path: '/1/type', code: 'unknown_event_type' }],
    });
    expect(await accountsOf(tenantId)).toBe(0);
  });

  it('refuses more than 500 events and bodies over 1 MiB', async () => {
    const { tenantId, secret } = await intakeTenant('limits');
    const many = JSON.stringify(
      Array.from({ length: 501 }, (_, i) => delinquency(`${i}`, 1, 30, 100, '2026-10-01T00:00:00Z')),
    );
    const tooMany = await signedFetch(EVENTS, { tenantId, secrets: [secret], body: many });
    expect(tooMany.status).toBe(422);
    expect((await problem(tooMany)).errors).toMatchObject([{ path: '/', code: 'too_many_events' }]);

    const huge = JSON.stringify([
      { ...delinquency('1', 1, 30, 100, '2026-10-01T00:00:00Z'), pad: 'x'.repeat(1_100_000) },
    ]);
    const tooLarge = await signedFetch(EVENTS, { tenantId, secrets: [secret], body: huge });
    expect(tooLarge.status).toBe(413);
    expect(await problem(tooLarge)).toMatchObject({ code: 'REQUEST.TOO_LARGE' });
  });

  it('refuses a webhook-id reused for a different body and keeps the first one applied', async () => {
    const { tenantId, secret } = await intakeTenant('reuse');
    const first = JSON.stringify(delinquency('1', 1, 30, 100, '2026-10-01T00:00:00Z'));
    const other = JSON.stringify(delinquency('2', 1, 30, 100, '2026-10-01T00:00:00Z'));
    expect(
      (await signedFetch(EVENTS, { tenantId, secrets: [secret], id: 'msg_same', body: first })).status,
    ).toBe(200);
    const reused = await signedFetch(EVENTS, { tenantId, secrets: [secret], id: 'msg_same', body: other });
    expect(reused.status).toBe(422);
    expect(await problem(reused)).toMatchObject({ code: 'INTAKE.ID_REUSED' });
    expect(await accountsOf(tenantId)).toBe(1);
  });

  it('refuses an empty batch file and answers an unknown batch with 404', async () => {
    const { tenantId, secret } = await intakeTenant('batcherr');
    const empty = await signedFetch('/v1/intake/batches', {
      tenantId,
      secrets: [secret],
      body: '\n\n',
      contentType: NDJSON,
    });
    expect(empty.status).toBe(422);
    expect(await problem(empty)).toMatchObject({ errors: [{ code: 'empty_file' }] });
    const missing = await signedFetch('/v1/intake/batches/ib_nope', {
      tenantId,
      secrets: [secret],
      method: 'GET',
    });
    expect(missing.status).toBe(404);
  });

  it('answers a request without the intake headers with 401, not the partner API key error', async () => {
    const response = await SELF.fetch(`https://api.test${EVENTS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(await problem(response)).toMatchObject({ code: 'INTAKE.BAD_SIGNATURE' });
  });
});
