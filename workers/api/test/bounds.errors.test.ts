/**
 * Finding 4 of the security review: every instant and date from outside has a sane window. Visits
 * and plans follow the tenant's scheduling window (default: a day back, 180 days ahead), promised
 * dates the pack's commitment rules; intake events may not be dated beyond the signature tolerance into the future; nothing is
 * dated before 1970 or after 2099. Each refusal is a 422 naming the field.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant, metOutcome } from './fixtures/tenant';
import { event, intakeTenant, NDJSON, signedFetch } from './intake.helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** Tomorrow 10:00–11:00 in Shanghai: inside the CN pack's visiting hours. */
const tomorrowMorning = () => {
  const day = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  return { start: `${day}T02:00:00.000Z`, end: `${day}T03:00:00.000Z` };
};

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('bounds');
  // The fixture's story is dated November 2026; this tenant keeps the default window instead.
  await env.DB.prepare(`UPDATE tenants SET settings = '{}' WHERE id = ?`).bind(f.tenantId).run();
});

const paths = async (response: Response) =>
  (await response.json<{ errors?: { path: string }[] }>()).errors?.map((e) => e.path) ?? [];

const visit = (window: { start: string; end: string }) =>
  call(f.keys.supervisor, 'POST', '/v1/visits', {
    body: { caseId: f.caseA, purpose: 'verify_address', agentIds: [f.agentA1, f.agentA2], window },
  });

describe('visit windows', () => {
  it.each([
    [
      'in year 0000',
      { start: '0000-01-01T02:00:00.000Z', end: '0000-01-01T03:00:00.000Z' },
      ['/window/start', '/window/end'],
    ],
    [
      'in year 9999',
      { start: '9999-01-01T02:00:00.000Z', end: '9999-01-01T03:00:00.000Z' },
      ['/window/start', '/window/end'],
    ],
    [
      'starting three days ago',
      { start: iso(Date.now() - 3 * DAY), end: iso(Date.now() - 3 * DAY + HOUR) },
      ['/window/start', '/window/end'],
    ],
    [
      'ending beyond the horizon',
      { start: iso(Date.now() + 179 * DAY), end: iso(Date.now() + 181 * DAY) },
      ['/window/end'],
    ],
  ])('a window %s is 422 naming the bound', async (_, window, expected) => {
    const response = await visit(window);
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(expected);
  });

  it('the message names the limit', async () => {
    const response = await visit({ start: iso(Date.now() - 3 * DAY), end: iso(Date.now() - 3 * DAY + HOUR) });
    const problem = await response.json<{ errors: { message: string }[] }>();
    expect(problem.errors[0]?.message).toMatch(/^Must not be before 1 day ago \(\d{4}-.*\)$/);
  });

  it('a window tomorrow passes the date check (what follows is compliance)', async () => {
    const response = await visit(tomorrowMorning());
    const body = await response.json<{ code?: string }>();
    expect([response.status, body.code]).not.toEqual([422, 'REQUEST.INVALID']);
  });

  it('a tenant that backfills its history sets a longer look-back', async () => {
    const t = await createFixtureTenant('boundsgrace');
    await env.DB.prepare(`UPDATE tenants SET settings = '{"scheduling":{"pastGraceHours":720}}' WHERE id = ?`)
      .bind(t.tenantId)
      .run();
    const start = Date.now() - 3 * DAY;
    const response = await call(t.keys.supervisor, 'POST', '/v1/visits', {
      body: {
        caseId: t.caseA,
        purpose: 'verify_address',
        agentIds: [t.agentA1, t.agentA2],
        window: { start: iso(start), end: iso(start + HOUR) },
      },
    });
    expect((await response.json<{ code?: string }>()).code).not.toBe('REQUEST.INVALID');
  });
});

describe('visit plans', () => {
  it.each([
    ['for 2020-01-01', '2020-01-01'],
    ['for year 9999', '9999-12-31'],
    ['a year ahead', iso(Date.now() + 366 * DAY).slice(0, 10)],
  ])('a plan %s is 422 at /date', async (_, date) => {
    const response = await call(f.keys.supervisor, 'POST', '/v1/visit-plans', {
      body: { date, agentIds: [f.agentA1] },
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(['/date']);
  });

  it('a plan for tomorrow is accepted', async () => {
    const date = iso(Date.now() + DAY).slice(0, 10);
    const response = await call(f.keys.supervisor, 'POST', '/v1/visit-plans', {
      body: { date, agentIds: [f.agentA1] },
    });
    expect(response.status).toBe(202);
  });
});

describe('promised payment dates', () => {
  // How far ahead a promise may be is the pack's commitment rule (`field.commitments.test.ts`); the
  // calendar bound holds for every date of the API.
  it('a promise due in year 9999 is 422 at /promiseToPay/dueDate', async () => {
    const response = await call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
      headers: { 'If-Match': '"1"' },
      body: metOutcome({
        promiseToPay: { amount: { amountMinor: 50000, currency: 'CNY' }, dueDate: '9999-01-01' },
      }),
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(['/promiseToPay/dueDate']);
  });
});

describe('remote contacts', () => {
  it('an attempt dated 1900 is 422 at /at', async () => {
    const response = await call(f.keys.supervisor, 'POST', `/v1/cases/${f.caseA}/contacts`, {
      body: { at: '1900-01-01T00:00:00.000Z', channel: 'call', reached: false },
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(['/at']);
  });
});

describe('intake', () => {
  const profile = (occurredAt: string) =>
    event('customer.upserted', occurredAt, { customerRef: 'C-bounds', name: 'Wang Fang' });

  it.each([
    ['year 9999', '9999-12-31T00:00:00Z', '/0/occurredAt'],
    ['an hour ahead of our clock', iso(Date.now() + HOUR), '/0/occurredAt'],
    ['year 0000', '0000-01-01T00:00:00Z', '/0/occurredAt'],
  ])('a profile dated %s is 422 and is not stored', async (_, occurredAt, path) => {
    const { tenantId, secret } = await intakeTenant('boundsintake');
    const response = await signedFetch('/v1/intake/events', {
      tenantId,
      secrets: [secret],
      body: JSON.stringify([profile(occurredAt)]),
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual([path]);
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM customers WHERE tenant_id = ?')
      .bind(tenantId)
      .first();
    expect(stored).toEqual({ n: 0 });
  });

  it('a sender clock up to the signature tolerance ahead is accepted, and later true updates are not stale', async () => {
    const { tenantId, secret } = await intakeTenant('boundsskew');
    const ahead = await signedFetch('/v1/intake/events', {
      tenantId,
      secrets: [secret],
      body: JSON.stringify([profile(iso(Date.now() + 4 * 60_000))]),
    });
    expect(ahead.status).toBe(200);
  });

  it('a payment or snapshot dated in the future is refused at its own field', async () => {
    const { tenantId, secret } = await intakeTenant('boundsdata');
    const payment = event('payment.received', iso(Date.now() - HOUR), {
      paymentRef: 'P-1',
      accountRef: 'A-1',
      amountMinor: 100,
      currency: 'CNY',
      paidAt: '2999-01-01T00:00:00Z',
    });
    const response = await signedFetch('/v1/intake/events', {
      tenantId,
      secrets: [secret],
      body: JSON.stringify([payment]),
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(['/0/data/paidAt']);
  });

  it('a batch line dated in year 9999 is rejected with its line number; the others are accepted', async () => {
    const { tenantId, secret } = await intakeTenant('boundsbatch');
    const file = [profile(iso(Date.now() - HOUR)), profile('9999-01-01T00:00:00Z')]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const response = await signedFetch('/v1/intake/batches', {
      tenantId,
      secrets: [secret],
      body: file,
      contentType: NDJSON,
    });
    expect(response.status).toBe(202);
    const batch = await response.json<{ accepted: number; rejected: number; errors: { line: number }[] }>();
    expect(batch).toMatchObject({ accepted: 1, rejected: 1, errors: [{ line: 2 }] });
  });
});
