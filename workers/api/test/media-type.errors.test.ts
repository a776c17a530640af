/**
 * Finding 1 of the security review: a body in another content type than the one an operation declares
 * is 415 `REQUEST.UNSUPPORTED_MEDIA_TYPE` (problem+json), on every operation with a body, intake
 * included — never a 500, and never quietly parsed.
 */
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkContract, routes } from './fixtures/contract';
import type { FixtureKey } from './fixtures/tenant';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { delinquency, intakeTenant, signedFetch } from './intake.helpers';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('mediatype');
});

/** What curl, a browser form, a misconfigured client or an XML-minded bank would send. */
const WRONG_BODIES = [
  ['application/x-www-form-urlencoded', 'a=b'],
  ['text/plain', '{"name":"x"}'],
  ['application/xml', '<visit><caseId>case_1</caseId></visit>'],
  [
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
  ],
] as const;

const partnerBodyRoutes = routes.filter(
  (route) => route.roles !== undefined && route.bodyTypes.includes('application/json'),
);

describe('partner operations with a JSON body', () => {
  it('are found in the registry (so the test below covers every one of them), and take JSON only', () => {
    expect(partnerBodyRoutes.length).toBeGreaterThanOrEqual(18);
    for (const route of partnerBodyRoutes) expect(route.bodyTypes).toEqual(['application/json']);
    // The one other body an operation takes: evidence bytes, in the media type announced for them.
    const others = routes.filter((route) => route.bodyTypes.length > 0 && !partnerBodyRoutes.includes(route));
    expect(others.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'POST /v1/intake/batches',
      'POST /v1/intake/events',
      'PUT /v1/visits/{visitId}/evidence/{evidenceId}/content',
    ]);
  });

  for (const route of partnerBodyRoutes) {
    it(`${route.method} ${route.path} answers 415 for a body that is not JSON`, async () => {
      const role = (route.roles?.[0] ?? 'admin') as FixtureKey;
      const url = `https://api.test${route.path.replace(/\{[^}]+\}/g, 'x_doesnotexist_1')}`;
      for (const [type, body] of WRONG_BODIES) {
        const response = await SELF.fetch(url, {
          method: route.method,
          headers: {
            Authorization: `Bearer ${f.keys[role]}`,
            'Content-Type': type,
            'Idempotency-Key': crypto.randomUUID(),
            'If-Match': '"1"',
          },
          body,
        });
        await checkContract(route.method, url, response.clone());
        expect([type, response.status]).toEqual([type, 415]);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(await response.json()).toMatchObject({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', status: 415 });
      }
    });
  }

  it('a body without any Content-Type is 415 too, and JSON with a charset is accepted', async () => {
    const noType = await SELF.fetch('https://api.test/v1/agents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${f.keys.admin}`, 'Idempotency-Key': crypto.randomUUID() },
      body: new TextEncoder().encode('{"name":"x"}'),
    });
    expect(noType.status).toBe(415);
    const withCharset = await SELF.fetch('https://api.test/v1/agents', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${f.keys.admin}`,
        'Content-Type': 'application/json; charset=utf-8',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: '{}',
    });
    expect(withCharset.status).toBe(422);
  });
});

describe('intake', () => {
  const event = JSON.stringify(delinquency('m1', 1, 30, 100, '2026-10-01T00:00:00Z'));

  it('refuses a correctly signed delivery of events that is not JSON, and applies nothing', async () => {
    const { tenantId, secret } = await intakeTenant('mediatype');
    for (const [type] of WRONG_BODIES) {
      const response = await signedFetch('/v1/intake/events', {
        tenantId,
        secrets: [secret],
        body: event,
        contentType: type,
      });
      await checkContract('POST', 'https://api.test/v1/intake/events', response.clone());
      expect([type, response.status]).toEqual([type, 415]);
      expect(await response.json()).toMatchObject({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    }
    const accepted = await signedFetch('/v1/intake/events', { tenantId, secrets: [secret], body: event });
    expect(accepted.status).toBe(200);
  });

  it('takes a batch file only as NDJSON', async () => {
    const { tenantId, secret } = await intakeTenant('mediatypebatch');
    for (const type of ['application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      const response = await signedFetch('/v1/intake/batches', {
        tenantId,
        secrets: [secret],
        body: event,
        contentType: type,
      });
      await checkContract('POST', 'https://api.test/v1/intake/batches', response.clone());
      expect([type, response.status]).toEqual([type, 415]);
    }
    const accepted = await signedFetch('/v1/intake/batches', {
      tenantId,
      secrets: [secret],
      body: event,
      contentType: 'application/x-ndjson',
    });
    expect(accepted.status).toBe(202);
  });
});
