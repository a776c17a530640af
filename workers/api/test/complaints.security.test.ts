/**
 * Finding 3 of the security review: a complaint is a write like any other — a key files one only
 * about a case or visit it can see (404 otherwise, whatever the reason), and its date is a real one.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureKey, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
let other: FixtureTenant;

beforeAll(async () => {
  [f, other] = await Promise.all([createFixtureTenant('complaint'), createFixtureTenant('complaintother')]);
});

const receivedAt = () => new Date(Date.now() - 3_600_000).toISOString();
const complaint = (subject: { caseId?: string; visitId?: string }, at = receivedAt()) => ({
  ...subject,
  channel: 'phone',
  category: 'conduct',
  receivedAt: at,
});
const file = (key: FixtureKey, body: unknown, tenant = f) =>
  call(tenant.keys[key], 'POST', '/v1/complaints', { body });

const complaintsOf = async (tenantId: string) =>
  (
    await env.DB.prepare('SELECT COUNT(*) AS n FROM complaints WHERE tenant_id = ?')
      .bind(tenantId)
      .first<{ n: number }>()
  )?.n;

describe('complaint scope', () => {
  it.each([
    ['another agent’s case', 'agent', (t: FixtureTenant) => ({ caseId: t.caseB })],
    ['another agent’s visit', 'agent', (t: FixtureTenant) => ({ visitId: t.visitA2 })],
    ['another agency’s case', 'agency', (t: FixtureTenant) => ({ caseId: t.caseB })],
    ['another agency’s visit', 'agency', (t: FixtureTenant) => ({ visitId: t.visitA2 })],
    ['a nonexistent case', 'supervisor', () => ({ caseId: 'case_nowhere' })],
    ['a nonexistent visit', 'admin', () => ({ visitId: 'vis_nowhere' })],
  ] as const)('%s is 404 for a %s key, and nothing is recorded', async (_, key, subject) => {
    const before = await complaintsOf(f.tenantId);
    const response = await file(key, complaint(subject(f)));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
    expect(await complaintsOf(f.tenantId)).toBe(before);
  });

  it('another tenant’s case or visit is 404 for every role that files complaints', async () => {
    const before = await complaintsOf(f.tenantId);
    for (const key of ['admin', 'supervisor', 'agency', 'agent'] as const) {
      expect((await file(key, complaint({ caseId: other.caseA }))).status).toBe(404);
      expect((await file(key, complaint({ visitId: other.visitA1 }))).status).toBe(404);
    }
    expect(await complaintsOf(f.tenantId)).toBe(before);
  });

  it('a visit of another case than the one named is refused at /visitId', async () => {
    const response = await file('supervisor', complaint({ caseId: f.caseA, visitId: f.visitA2 }));
    expect(response.status).toBe(422);
    const problem = await response.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toEqual(['/visitId']);
  });

  it('its own case and visit are recorded, and so is a complaint about no case at all', async () => {
    expect((await file('agent', complaint({ caseId: f.caseA, visitId: f.visitA1 }))).status).toBe(201);
    expect((await file('agency', complaint({ caseId: f.caseA }))).status).toBe(201);
    expect((await file('supervisor', complaint({}))).status).toBe(201);
  });
});

describe('complaint dates', () => {
  it.each([
    ['year 2999', '2999-01-01T00:00:00.000Z'],
    ['an hour from now', new Date(Date.now() + 3_600_000).toISOString()],
    ['year 0000', '0000-01-01T00:00:00.000Z'],
  ])('a complaint received in %s is 422 at /receivedAt', async (_, at) => {
    const response = await file('supervisor', complaint({ caseId: f.caseA }, at));
    expect(response.status).toBe(422);
    const problem = await response.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toEqual(['/receivedAt']);
  });
});
