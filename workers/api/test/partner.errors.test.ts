import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('errors');
});

const agent = {
  name: 'Li Wei',
  agencyId: null,
  homeBase: { lat: 22.55, lon: 114.06 },
  shift: { start: '09:00', end: '18:00' },
  dailyCapacity: 6,
};

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('Idempotency-Key', () => {
  it('replays the stored response for the same key and body, without a second write', async () => {
    const headers = { 'Idempotency-Key': 'create-agent-once' };
    const first = await call(f.keys.admin, 'POST', '/v1/agents', { body: agent, headers });
    const second = await call(f.keys.admin, 'POST', '/v1/agents', { body: agent, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await second.json()).toEqual(await first.json());
    const { n } = (await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM agents WHERE tenant_id = ? AND name = 'Li Wei'`,
    )
      .bind(f.tenantId)
      .first<{ n: number }>())!;
    expect(n).toBe(1);
  });

  it('refuses the same key with another body (422) and a POST without a key (400)', async () => {
    const headers = { 'Idempotency-Key': 'create-agent-twice' };
    expect((await call(f.keys.admin, 'POST', '/v1/agents', { body: agent, headers })).status).toBe(201);
    const reused = await call(f.keys.admin, 'POST', '/v1/agents', {
      body: { ...agent, name: 'Other' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect((await reused.json<{ code: string }>()).code).toBe('IDEMPOTENCY.KEY_REUSED');
    const missing = await call(f.keys.admin, 'POST', '/v1/agents', {
      body: agent,
      headers: { 'Idempotency-Key': '' },
    });
    expect(missing.status).toBe(400);
    expect((await missing.json<{ code: string }>()).code).toBe('IDEMPOTENCY.KEY_MISSING');
  });

  it('answers 409 while the first request is in flight, and lets a retry take over a dead claim', async () => {
    const body = JSON.stringify(agent);
    const hash = await sha256Hex(`POST /v1/agents\n${body}`);
    const claim = (key: string, createdAt: number) =>
      env.DB.prepare(
        `INSERT INTO idempotency_keys (tenant_id, api_key_id, key, request_hash, state, created_at) VALUES (?, ?, ?, ?, 'in_flight', ?)`,
      )
        .bind(f.tenantId, f.keyIds.admin, key, hash, createdAt)
        .run();
    await claim('in-flight', Date.now());
    const busy = await call(f.keys.admin, 'POST', '/v1/agents', {
      body: agent,
      headers: { 'Idempotency-Key': 'in-flight' },
    });
    expect(busy.status).toBe(409);
    expect((await busy.json<{ code: string }>()).code).toBe('IDEMPOTENCY.IN_FLIGHT');

    await claim('dead-claim', Date.now() - 10 * 60_000);
    const retried = await call(f.keys.admin, 'POST', '/v1/agents', {
      body: agent,
      headers: { 'Idempotency-Key': 'dead-claim' },
    });
    expect(retried.status).toBe(201);
  });

  it('scopes keys to the API key: two partners using the same key string do not collide', async () => {
    const headers = { 'Idempotency-Key': 'shared-string' };
    expect((await call(f.keys.admin, 'POST', '/v1/agents', { body: agent, headers })).status).toBe(201);
    const other = await call(f.keys.supervisor, 'POST', '/v1/agents', {
      body: { ...agent, name: 'Zhao' },
      headers,
    });
    expect(other.status).toBe(201);
    expect(other.headers.get('Idempotent-Replayed')).toBeNull();
  });
});

describe('optimistic concurrency', () => {
  it('two agents recording one visit: exactly one wins, the other gets 412 and nothing of it is written', async () => {
    const created = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: {
        caseId: f.caseA,
        purpose: 'negotiate_plan',
        agentIds: [f.agentA1, f.agentA2],
        window: { start: '2026-11-03T01:00:00.000Z', end: '2026-11-03T03:00:00.000Z' },
      },
    });
    expect(created.status).toBe(201);
    const visit = await created.json<{ id: string }>();
    const etag = created.headers.get('ETag')!;
    const outcome = (satisfaction: number) => ({
      contactResult: 'customer_met',
      checklist: [{ item: 'show_staff_id', confirmed: true }],
      willingness: 4,
      monthlyAbilityToPay: { amountMinor: 150000, currency: 'CNY' },
      satisfaction,
    });
    const [a, b] = await Promise.all([
      call(f.keys.agent, 'POST', `/v1/visits/${visit.id}/outcome`, {
        body: outcome(5),
        headers: { 'If-Match': etag },
      }),
      call(f.keys.agent2, 'POST', `/v1/visits/${visit.id}/outcome`, {
        body: outcome(2),
        headers: { 'If-Match': etag },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? 5 : 2;
    const stored = await env.DB.prepare('SELECT satisfaction FROM visit_outcomes WHERE visit_id = ?')
      .bind(visit.id)
      .all<{ satisfaction: number }>();
    expect(stored.results).toEqual([{ satisfaction: winner }]);
    const audits = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = ? AND subject_id = ? AND action = 'visit.outcome-recorded'`,
    )
      .bind(f.tenantId, visit.id)
      .first<{ n: number }>();
    expect(audits?.n).toBe(1);
  });

  it('refuses an update without If-Match (428) and with a stale one (412)', async () => {
    const read = await call(f.keys.admin, 'GET', `/v1/agents/${f.agentA2}`);
    const etag = read.headers.get('ETag')!;
    expect(
      (await call(f.keys.admin, 'PATCH', `/v1/agents/${f.agentA2}`, { body: { dailyCapacity: 4 } })).status,
    ).toBe(428);
    const updated = await call(f.keys.admin, 'PATCH', `/v1/agents/${f.agentA2}`, {
      body: { dailyCapacity: 4 },
      headers: { 'If-Match': etag },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('ETag')).not.toBe(etag);
    const stale = await call(f.keys.admin, 'PATCH', `/v1/agents/${f.agentA2}`, {
      body: { dailyCapacity: 9 },
      headers: { 'If-Match': etag },
    });
    expect(stale.status).toBe(412);
    expect((await stale.json<{ code: string }>()).code).toBe('PRECONDITION.FAILED');
  });
});

describe('validation', () => {
  it('reports every invalid field with its JSON path and location', async () => {
    const response = await call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
      body: {
        contactResult: 'teleported',
        checklist: [{ item: 'show_staff_id', confirmed: 'yes' }],
        willingness: 9,
        monthlyAbilityToPay: { amountMinor: 1.5, currency: 'cny' },
        satisfaction: null,
      },
      headers: { 'If-Match': '"1"' },
    });
    expect(response.status).toBe(422);
    const problem = await response.json<{ code: string; errors: { path: string; in: string }[] }>();
    expect(problem.code).toBe('REQUEST.INVALID');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(
      [
        '/checklist/0/confirmed',
        '/contactResult',
        '/monthlyAbilityToPay/amountMinor',
        '/monthlyAbilityToPay/currency',
        '/willingness',
      ].sort(),
    );
    expect(new Set(problem.errors.map((e) => e.in))).toEqual(new Set(['body']));
  });

  it('reports bad query parameters and a forged cursor as query fields', async () => {
    const response = await call(f.keys.admin, 'GET', '/v1/cases?limit=0&status=lost');
    expect(response.status).toBe(422);
    const problem = await response.json<{ errors: { path: string; in: string }[] }>();
    expect(problem.errors.map((e) => [e.path, e.in]).sort()).toEqual([
      ['/limit', 'query'],
      ['/status', 'query'],
    ]);
    const forged = await call(f.keys.admin, 'GET', '/v1/cases?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(422);
    expect((await forged.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe('/cursor');
  });

  it('answers malformed JSON with 400 and an oversized body with 413, both problem+json', async () => {
    const malformed = await SELF.fetch('https://api.test/v1/agents', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${f.keys.admin}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': 'bad-json',
      },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json<{ code: string }>()).code).toBe('REQUEST.MALFORMED_JSON');
    const huge = await call(f.keys.admin, 'POST', '/v1/agents', {
      body: { ...agent, name: 'x'.repeat(300_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('application/problem+json');
  });

  it('rejects a policy set naming an unknown plugin with the path of the bad id', async () => {
    const response = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: {
        reason: 'try a new screening',
        document: {
          version: 'x',
          screening: [{ id: 'no-such-plugin' }],
          compliance: [],
          preparation: { id: 'standard-dossier' },
          repayment: { id: 'affordable-plan' },
          followUp: { id: 'willingness-ability' },
        },
      },
    });
    expect(response.status).toBe(422);
    const problem = await response.json<{ code: string; errors: { path: string }[] }>();
    expect(problem.code).toBe('POLICY.INVALID');
    expect(problem.errors.map((e) => e.path)).toEqual(['/document/screening/0/id']);
  });
});

describe('visit staffing', () => {
  it('refuses a visit naming an agent the tenant does not have, or no longer employs, at the agent’s path', async () => {
    await env.DB.prepare(
      `INSERT INTO agents (id, tenant_id, name, home_lat, home_lon, shift_start, shift_end, daily_capacity, active, created_at, updated_at)
       VALUES ('agt_errors_left', ?, 'Left in May', 22.5, 114.0, '09:00', '18:00', 6, 0, 0, 0)`,
    )
      .bind(f.tenantId)
      .run();
    const response = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: {
        caseId: f.caseA,
        purpose: 'understand_situation',
        agentIds: [f.agentA1, 'agt_errors_typo', 'agt_errors_left'],
        window: { start: '2026-11-03T01:00:00.000Z', end: '2026-11-03T03:00:00.000Z' },
      },
    });
    expect(response.status).toBe(422);
    const problem = await response.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toEqual(['/agentIds/1', '/agentIds/2']);
  });
});

describe('visits of cases that left the programme', () => {
  it('refuses a new visit on a cured case (409), and checking in a planned visit once the case is cured or held out', async () => {
    const window = { start: '2026-11-03T01:00:00.000Z', end: '2026-11-03T03:00:00.000Z' };
    const created = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: { caseId: f.caseB, purpose: 'understand_situation', agentIds: [f.agentA2, f.agentA1], window },
    });
    expect(created.status).toBe(201);
    const visit = await created.json<{ id: string }>();
    const checkIn = () =>
      call(f.keys.agent2, 'POST', `/v1/visits/${visit.id}/check-in`, {
        body: { at: '2026-11-03T01:30:00.000Z', lat: 22.54, lon: 114.05 },
        headers: { 'If-Match': created.headers.get('ETag')! },
      });

    // Enrolled in an experiment's holdout after the visit was planned: the visit must not happen.
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO experiments (id, tenant_id, name, definition, status, created_at) VALUES ('exp_errors', ?, 'x', '{}', 'running', 0)`,
      ).bind(f.tenantId),
      env.DB.prepare(
        `INSERT INTO experiment_assignments (tenant_id, experiment_id, case_id, arm, eligible, stratum, hash, assigned_at)
         VALUES (?, 'exp_errors', ?, 'holdout', 1, 'M2', '0', 0)`,
      ).bind(f.tenantId, f.caseB),
    ]);
    const heldOut = await checkIn();
    expect(heldOut.status).toBe(422);
    expect(await heldOut.json()).toMatchObject({ code: 'VISIT.HELD_OUT', experimentIds: ['exp_errors'] });

    // The customer paid in full before the agent arrived.
    await env.DB.prepare(`UPDATE cases SET status = 'cured', ended_at = 1 WHERE tenant_id = ? AND id = ?`)
      .bind(f.tenantId, f.caseB)
      .run();
    const cured = await checkIn();
    expect(cured.status).toBe(409);
    expect(await cured.json()).toMatchObject({ code: 'RESOURCE.CONFLICT' });
    const again = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: { caseId: f.caseB, purpose: 'understand_situation', agentIds: [f.agentA2, f.agentA1], window },
    });
    expect(again.status).toBe(409);
    const checkedIn = await env.DB.prepare('SELECT status FROM visits WHERE id = ?').bind(visit.id).first();
    expect(checkedIn).toEqual({ status: 'planned' });
  });
});

describe('visit windows (found by pnpm fuzz)', () => {
  // A window from now to year 9999 made the compliance rules walk it day by day for minutes, and the
  // worker answered no one meanwhile. A visit's window is at most a day; a longer one is refused at once.
  it.each([
    [
      'POST',
      '/v1/visits',
      (w: object) => ({ caseId: 'case_x_a', purpose: 'negotiate_plan', agentIds: ['agt_x_a1'], window: w }),
    ],
    [
      'POST',
      '/v1/visits/vis_x_a1/notices',
      (w: object) => ({ givenAt: '2026-11-02T01:00:00.000Z', channel: 'sms', likelyTime: w }),
    ],
  ])('%s %s refuses a window longer than 24 hours with 422 at its end', async (method, path, body) => {
    const window = { start: '2026-11-16T14:16:01.500Z', end: '2026-11-18T14:16:01.500Z' };
    const answer = await call(f.keys.supervisor, method, path.replace('_x_', `_errors_`), {
      body: body(window),
    });
    expect(answer.status).toBe(422);
    const problem = await answer.json<{ errors: { path: string; message: string }[] }>();
    expect(problem.errors).toContainEqual(
      expect.objectContaining({
        path: expect.stringMatching(/\/end$/),
        message: expect.stringContaining('24 hours'),
      }),
    );
  });
});
