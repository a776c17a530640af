/**
 * The reads the supervisor console is built on, besides plans (visit-plans.happy.test.ts): regions for
 * its pickers, experiments as a list, and the audit trail narrowed to compliance actions.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

beforeAll(async () => {
  f = await createFixtureTenant('console');
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO regions (tenant_id, id, name, risk_score, risk_as_of, center_lat, center_lon)
       VALUES (?1, 'reg_nanshan', '南山区', 0.3, '2026-11-01', NULL, NULL)`,
    ).bind(f.tenantId),
    env.DB.prepare(
      `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, reason, data)
       VALUES ('aud_console_1', ?1, 1000, NULL, 'supervisor', 'compliance.vetoed', 'case', 'case_x', NULL, '{}'),
              ('aud_console_2', ?1, 2000, NULL, 'supervisor', 'compliance.override-recorded', 'visit', 'vis_x', 'urgent', '{}'),
              ('aud_console_3', ?1, 3000, NULL, 'supervisor', 'visit-plan.published', 'visit_plan', 'vpl_x', NULL, '{}')`,
    ).bind(f.tenantId),
  ]);
});

describe('console reads', () => {
  it('tells a key its tenant’s zone, currency, locale and its own role', async () => {
    const answer = await (await call(f.keys.analyst, 'GET', '/v1/tenant')).json();
    expect(answer).toMatchObject({
      id: f.tenantId,
      timeZone: 'Asia/Shanghai',
      currency: 'CNY',
      role: 'analyst',
    });
    expect(answer).toHaveProperty('locale', 'zh-CN');
  });

  it('lists the tenant’s regions with their map centres, a page at a time', async () => {
    const first = await (await call(f.keys.agent, 'GET', '/v1/regions?limit=1')).json<Page<unknown>>();
    expect(first.items).toEqual([
      {
        id: 'reg_futian',
        name: 'Futian',
        riskScore: 0.4,
        riskAsOf: '2026-10-01',
        center: { lat: 22.54, lon: 114.05 },
      },
    ]);
    const second = await (
      await call(f.keys.agent, 'GET', `/v1/regions?limit=1&cursor=${first.nextCursor}`)
    ).json<Page<{ id: string; center: unknown }>>();
    expect(second.items).toEqual([expect.objectContaining({ id: 'reg_nanshan', center: null })]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists experiments newest first with their arms', async () => {
    const names = ['older', 'newer'];
    for (const name of names) {
      const created = await call(f.keys.supervisor, 'POST', '/v1/experiments', {
        body: { name, holdoutShare: 0.2, minimumDetectableEffect: 0.05 },
      });
      expect(created.status).toBe(201);
    }
    const listed = await call(f.keys.analyst, 'GET', '/v1/experiments');
    expect(listed.status).toBe(200);
    const page =
      await listed.json<Page<{ name: string; definition: { holdoutShare: number }; enrolment: unknown[] }>>();
    expect(page.items.map((e) => e.name)).toEqual(['newer', 'older']);
    expect(page.items[0]?.definition.holdoutShare).toBe(0.2);
    const paged = await (await call(f.keys.analyst, 'GET', '/v1/experiments?limit=1')).json<
      Page<{ name: string }>
    >();
    expect(paged.items.map((e) => e.name)).toEqual(['newer']);
    const rest = await (
      await call(f.keys.analyst, 'GET', `/v1/experiments?limit=1&cursor=${paged.nextCursor}`)
    ).json<Page<{ name: string }>>();
    expect(rest.items.map((e) => e.name)).toEqual(['older']);
  });

  it('narrows the audit trail to the actions asked for, and refuses a malformed list at its path', async () => {
    const answer = await call(
      f.keys.supervisor,
      'GET',
      '/v1/audit?action=compliance.vetoed,compliance.override-recorded',
    );
    const { items } = await answer.json<Page<{ id: string; action: string; reason: string | null }>>();
    expect(items.map((entry) => [entry.id, entry.reason])).toEqual([
      ['aud_console_2', 'urgent'],
      ['aud_console_1', null],
    ]);
    const bad = await call(f.keys.supervisor, 'GET', '/v1/audit?action=DROP%20TABLE');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [expect.objectContaining({ path: '/action' })] });
  });

  it('shows each case of the queue with its latest screening reasons, and filters by an agent’s visits', async () => {
    const before = await (await call(f.keys.analyst, 'GET', `/v1/cases/${f.caseA}`)).json<{
      screening: unknown;
    }>();
    expect(before.screening).toBeNull();
    await call(f.keys.supervisor, 'POST', '/v1/screenings', { body: { filter: { agencyId: f.agencyA } } });
    const stored = await env.DB.prepare(
      'SELECT reasons FROM screening_decisions WHERE tenant_id = ? AND case_id = ? ORDER BY decided_at DESC LIMIT 1',
    )
      .bind(f.tenantId, f.caseA)
      .first<{ reasons: string }>();
    const { items } = await (await call(f.keys.analyst, 'GET', `/v1/cases?agencyId=${f.agencyA}`)).json<
      Page<{ id: string; screening: { reasons: { message: string }[] } | null }>
    >();
    const listed = items.find((kase) => kase.id === f.caseA);
    expect(listed?.screening?.reasons).toEqual(JSON.parse(stored!.reasons));
    expect(listed?.screening?.reasons[0]?.message).toBeTruthy();
    const one = await (await call(f.keys.analyst, 'GET', `/v1/cases/${f.caseA}`)).json<{
      screening: unknown;
    }>();
    expect(one.screening).toEqual(listed?.screening);

    const { results } = await env.DB.prepare(
      `SELECT DISTINCT visit.case_id FROM visit_agents team JOIN visits visit ON visit.id = team.visit_id
       WHERE team.tenant_id = ? AND team.agent_id = ? ORDER BY visit.case_id`,
    )
      .bind(f.tenantId, f.agentA1)
      .all<{ case_id: string }>();
    expect(results.length).toBeGreaterThan(0);
    const byAgent = await (await call(f.keys.supervisor, 'GET', `/v1/cases?agentId=${f.agentA1}`)).json<
      Page<{ id: string }>
    >();
    expect(byAgent.items.map((kase) => kase.id).sort()).toEqual(results.map((row) => row.case_id));
  });
});
