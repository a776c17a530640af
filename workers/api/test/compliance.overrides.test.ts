import { env, SELF } from 'cloudflare:test';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('cov');
});

afterEach(() => {
  vi.restoreAllMocks();
});

const REASON = 'Customer asked for the visit by phone to bring the hardship papers';

async function etagOf(visitId: string): Promise<string> {
  return (await call(f.keys.agent, 'GET', `/v1/visits/${visitId}`)).headers.get('ETag') ?? '';
}

/** The agent checks in at `at` by its device, and the server receives it then too. */
const checkIn = async (at: string) => {
  const etag = await etagOf(f.visitA1);
  return atServerTime(at, () =>
    call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/check-in`, {
      body: { at, lat: 22.54, lon: 114.05 },
      headers: { 'If-Match': etag },
    }),
  );
};

const override = (key: string, visitId: string, body: unknown) =>
  call(key, 'POST', `/v1/visits/${visitId}/overrides`, { body });

describe('supervisor overrides', () => {
  it('a cool-down veto lifted by a supervisor lets the agent check in; override and audit rows record who and why', async () => {
    // Customer A was visited the day before: the CN default cool-down is 7 days.
    await env.DB.prepare(
      `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, status, checked_in_at, created_at, updated_at)
       VALUES ('vis_cov_past', ?, ?, 'understand_situation', '[]', NULL, 'completed', ?, 0, 0)`,
    )
      .bind(f.tenantId, f.caseA, Date.parse('2026-11-01T02:00:00.000Z'))
      .run();
    const at = '2026-11-02T02:30:00.000Z'; // 10:30 in Shanghai

    const vetoed = await checkIn(at);
    expect(vetoed.status).toBe(422);
    const problem = await vetoed.json<{ code: string; vetoes: { rule: string; overridable: boolean }[] }>();
    expect(problem.code).toBe('VISIT.COMPLIANCE_VETO');
    expect(problem.vetoes).toEqual([expect.objectContaining({ rule: 'cooldown', overridable: true })]);

    expect((await override(f.keys.agent, f.visitA1, { rule: 'cooldown', reason: REASON })).status).toBe(403);
    expect((await override(f.keys.supervisor, f.visitA1, { rule: 'cooldown', reason: 'ok' })).status).toBe(
      422,
    );
    const notVetoing = await override(f.keys.supervisor, f.visitA1, { rule: 'dispute', reason: REASON });
    expect(notVetoing.status).toBe(422);
    expect((await notVetoing.json<{ code: string }>()).code).toBe('REQUEST.INVALID');

    const created = await override(f.keys.supervisor, f.visitA1, { rule: 'cooldown', reason: REASON });
    expect(created.status).toBe(201);
    expect((await override(f.keys.admin, f.visitA1, { rule: 'cooldown', reason: REASON })).status).toBe(409);

    expect((await checkIn(at)).status).toBe(200);

    const rows = await env.DB.prepare(
      'SELECT rule, supervisor_key_id, reason FROM compliance_overrides WHERE tenant_id = ? AND visit_id = ?',
    )
      .bind(f.tenantId, f.visitA1)
      .all();
    expect(rows.results).toEqual([
      { rule: 'cooldown', supervisor_key_id: f.keyIds.supervisor, reason: REASON },
    ]);
    const audit = await env.DB.prepare(
      `SELECT action, actor_key_id, reason, data FROM audit_log WHERE tenant_id = ? AND subject_id = ? ORDER BY at, action`,
    )
      .bind(f.tenantId, f.visitA1)
      .all<{ action: string; actor_key_id: string; reason: string | null; data: string }>();
    const byAction = new Map(audit.results.map((row) => [row.action, row]));
    expect(JSON.parse(byAction.get('compliance.vetoed')?.data ?? '{}')).toMatchObject({
      vetoes: [{ rule: 'cooldown', code: 'visits.cooldown' }],
    });
    expect(byAction.get('compliance.override-recorded')).toMatchObject({
      actor_key_id: f.keyIds.supervisor,
      reason: REASON,
    });
    expect(JSON.parse(byAction.get('visit.checked-in')?.data ?? '{}')).toMatchObject({
      overriddenRules: ['cooldown'],
    });

    const listed = await (await call(f.keys.analyst, 'GET', `/v1/visits/${f.visitA1}/overrides`)).json<{
      items: { rule: string; reason: string }[];
    }>();
    expect(listed.items).toEqual([expect.objectContaining({ rule: 'cooldown', reason: '***' })]);
  });

  it('a supervisor creates a visit during a cool-down by lifting the veto in the same request; the override is the new visit’s', async () => {
    await env.DB.prepare(
      `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, status, checked_in_at, created_at, updated_at)
       VALUES ('vis_cov_past_b', ?, ?, 'understand_situation', '[]', NULL, 'completed', ?, 0, 0)`,
    )
      .bind(f.tenantId, f.caseB, Date.parse('2026-11-03T02:00:00.000Z'))
      .run();
    const create = (overrides?: unknown[]) =>
      call(f.keys.supervisor, 'POST', '/v1/visits', {
        body: {
          caseId: f.caseB,
          purpose: 'hardship_review',
          agentIds: [f.agentA2, f.agentA1],
          window: { start: '2026-11-05T02:00:00.000Z', end: '2026-11-05T03:00:00.000Z' },
          ...(overrides ? { overrides } : {}),
        },
      });
    const vetoed = await create();
    expect(vetoed.status).toBe(422);
    expect((await vetoed.json<{ vetoes: { rule: string }[] }>()).vetoes).toEqual([
      expect.objectContaining({ rule: 'cooldown' }),
    ]);
    const needless = await create([
      { rule: 'cooldown', reason: REASON },
      { rule: 'dispute', reason: REASON },
    ]);
    expect(needless.status).toBe(422);
    expect(await needless.json()).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [{ path: '/overrides/1/rule' }],
    });

    const created = await create([{ rule: 'cooldown', reason: REASON }]);
    expect(created.status).toBe(201);
    const visit = await created.json<{ id: string }>();
    const listed = await (await call(f.keys.supervisor, 'GET', `/v1/visits/${visit.id}/overrides`)).json<{
      items: { rule: string; reason: string }[];
    }>();
    expect(listed.items).toEqual([expect.objectContaining({ rule: 'cooldown', reason: REASON })]);
    const audit = await env.DB.prepare(
      `SELECT action, reason, actor_role FROM audit_log WHERE subject_id = ? ORDER BY action`,
    )
      .bind(visit.id)
      .all();
    expect(audit.results).toEqual([
      { action: 'compliance.override-recorded', reason: REASON, actor_role: 'supervisor' },
      { action: 'visit.created', reason: null, actor_role: 'supervisor' },
    ]);
  });

  it('a deceased customer: no visit can be scheduled, and the rule cannot be overridden', async () => {
    await env.DB.prepare(`UPDATE customers SET flags = '{"deceased":true}' WHERE tenant_id = ? AND id = ?`)
      .bind(f.tenantId, f.customerB)
      .run();
    const scheduled = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: {
        caseId: f.caseB,
        purpose: 'understand_situation',
        agentIds: [f.agentA1, f.agentA2],
        window: { start: '2026-11-20T02:00:00.000Z', end: '2026-11-20T03:00:00.000Z' },
      },
    });
    expect(scheduled.status).toBe(422);
    const problem = await scheduled.json<{ vetoes: { rule: string; overridable: boolean }[] }>();
    expect(problem.vetoes).toEqual([expect.objectContaining({ rule: 'deceased', overridable: false })]);

    const refused = await override(f.keys.supervisor, f.visitA2, { rule: 'deceased', reason: REASON });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'VISIT.COMPLIANCE_VETO',
      vetoes: [{ rule: 'deceased', overridable: false }],
    });
    const refusedAudit = await env.DB.prepare(
      `SELECT actor_key_id, reason FROM audit_log WHERE tenant_id = ? AND subject_id = ? AND action = 'compliance.override-refused'`,
    )
      .bind(f.tenantId, f.visitA2)
      .all();
    expect(refusedAudit.results).toEqual([{ actor_key_id: f.keyIds.supervisor, reason: REASON }]);
  });

  it('a window running past 22:00 local is refused, naming contact-hours and the allowed part', async () => {
    const response = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: {
        caseId: f.caseA,
        purpose: 'negotiate_plan',
        agentIds: [f.agentA1, f.agentA2],
        // 20:00–23:00 in Shanghai, a fortnight after the last visit.
        window: { start: '2026-11-20T12:00:00.000Z', end: '2026-11-20T15:00:00.000Z' },
      },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      vetoes: [{ rule: 'contact-hours' }],
      allowedWindows: [{ start: '2026-11-20T12:00:00.000Z', end: '2026-11-20T14:00:00.000Z' }],
    });
  });
});

describe('personal data', () => {
  it('an internal error carrying personal data reaches neither the log nor the response', async () => {
    const phone = '+8613800000000';
    // A misconfigured tenant: its jurisdiction names no pack, and the error message quotes it.
    const other = await createFixtureTenant('covpii');
    await env.DB.prepare('UPDATE tenants SET jurisdiction = ? WHERE id = ?')
      .bind(`Wang Fang ${phone}`, other.tenantId)
      .run();
    const logged: unknown[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(...args));
    // Straight to the worker: `call` would refuse the undeclared 500 before we read it.
    const response = await SELF.fetch(`https://api.test/v1/visits/${other.visitA1}/check-in`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${other.keys.agent}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': 'covpii-1',
        'If-Match': '"1"',
      },
      body: JSON.stringify({ at: '2026-11-02T02:30:00.000Z', lat: 22.54, lon: 114.05 }),
    });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(phone);
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(phone);
  });
});
