/**
 * Finding 9 of the security review: free text (names, notes, reasons, addresses) refuses control
 * characters other than newline and tab with a 422 naming the field, is stored NFC-normalised, and
 * keeps emoji, right-to-left and CJK text exactly as written.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant, metOutcome } from './fixtures/tenant';
import { event, intakeTenant, signedFetch } from './intake.helpers';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('freetext');
});

const agent = (fields: Record<string, unknown>) => ({
  name: 'Li Wei',
  agencyId: null,
  homeBase: { lat: 22.55, lon: 114.06 },
  shift: { start: '09:00', end: '18:00' },
  dailyCapacity: 6,
  ...fields,
});

const paths = async (response: Response) =>
  (await response.json<{ errors?: { path: string }[] }>()).errors?.map((e) => e.path) ?? [];

const NUL = 'Wang\u0000Fang';
const ESCAPE = 'Wang \u001b[31mFang\u001b[0m';
const CSI = 'Wang\u009b2J';

describe('control characters are refused at their path', () => {
  it.each([
    ['an agent name with NUL', 'POST', '/v1/agents', () => agent({ name: NUL }), '/name'],
    [
      'an agent skill with an escape sequence',
      'POST',
      '/v1/agents',
      () => agent({ skills: [ESCAPE] }),
      '/skills/0',
    ],
    [
      'a key name with a bell',
      'POST',
      '/v1/api-keys',
      () => ({ name: 'ops\u0007', role: 'analyst' }),
      '/name',
    ],
    [
      'a revocation reason with a C1 control',
      'POST',
      () => `/v1/api-keys/${f.keyIds.analyst}/revoke`,
      () => ({ reason: CSI }),
      '/reason',
    ],
    [
      'an experiment name with a carriage return',
      'POST',
      '/v1/experiments',
      () => ({ name: 'A\r\nB', challenger: { policySetVersion: 'v2', share: 0.5 } }),
      '/name',
    ],
  ] as const)('%s', async (_, method, path, body, field) => {
    const url = typeof path === 'function' ? path() : path;
    const response = await call(f.keys.admin, method, url, { body: body() });
    expect(response.status).toBe(422);
    expect(await paths(response)).toContain(field);
  });

  it('outcome notes with an escape sequence', async () => {
    const response = await call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
      headers: { 'If-Match': '"1"' },
      body: metOutcome({ notes: `Customer said:\n\tcome back ${ESCAPE}` }),
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(['/notes']);
  });

  it('an override reason with NUL, at its index', async () => {
    const response = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: {
        caseId: f.caseA,
        purpose: 'verify_address',
        agentIds: [f.agentA1],
        window: { start: '2026-11-03T02:00:00.000Z', end: '2026-11-03T03:00:00.000Z' },
        overrides: [{ rule: 'cooldown', reason: `Customer asked for this visit ${NUL}` }],
      },
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(['/overrides/0/reason']);
  });

  it('a customer name or household note from the bank', async () => {
    const { tenantId, secret } = await intakeTenant('freetext');
    const response = await signedFetch('/v1/intake/events', {
      tenantId,
      secrets: [secret],
      body: JSON.stringify([
        event('customer.upserted', '2026-10-01T00:00:00Z', { customerRef: 'C-1', name: NUL }),
        event('customer.upserted', '2026-10-01T00:00:00Z', {
          customerRef: 'C-2',
          name: 'Li',
          householdNotes: ESCAPE,
        }),
      ]),
    });
    expect(response.status).toBe(422);
    expect(await paths(response)).toEqual(['/0/data/name', '/1/data/householdNotes']);
  });
});

describe('text is kept as written, NFC-normalised', () => {
  it.each([
    ['emoji', 'Li Wei 👩🏽‍💼 🚲'],
    ['right-to-left', 'فاطمة الزهراء'],
    ['Hebrew', 'דוד לוי'],
    ['CJK', '王芳（深圳）'],
  ])('an agent named in %s reads back exactly', async (_, name) => {
    const created = await call(f.keys.admin, 'POST', '/v1/agents', { body: agent({ name }) });
    expect(created.status).toBe(201);
    const { id } = await created.json<{ id: string }>();
    const read = await (await call(f.keys.admin, 'GET', `/v1/agents/${id}`)).json<{ name: string }>();
    expect(read.name).toBe(name);
  });

  it('a decomposed accent is stored composed, newlines and tabs in notes are kept', async () => {
    const created = await call(f.keys.admin, 'POST', '/v1/agents', {
      body: agent({ name: 'Jose\u0301 Nun\u0303ez' }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json<{ id: string }>();
    const row = await env.DB.prepare('SELECT name FROM agents WHERE id = ?')
      .bind(id)
      .first<{ name: string }>();
    expect(row?.name).toBe('José Nuñez');
    expect(row?.name).toHaveLength(10);

    const { tenantId, secret } = await intakeTenant('freetextnfc');
    const notes = 'Lives with parents.\n\tPrefers afternoons. 🙂 العربية 中文';
    const response = await signedFetch('/v1/intake/events', {
      tenantId,
      secrets: [secret],
      body: JSON.stringify([
        event('customer.upserted', '2026-10-01T00:00:00Z', {
          customerRef: 'C-1',
          name: 'Zoe\u0308',
          householdNotes: notes,
        }),
      ]),
    });
    expect(response.status).toBe(200);
    const customer = await env.DB.prepare('SELECT name, household_notes FROM customers WHERE tenant_id = ?')
      .bind(tenantId)
      .first();
    expect(customer).toEqual({ name: 'Zoë', household_notes: notes });
  });
});
