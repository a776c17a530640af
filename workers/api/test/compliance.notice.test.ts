/**
 * UK CONC 7: the customer is told the visit date and likely time ahead. The notice is recorded on the
 * visit (`POST /v1/visits/{id}/notices`, audited) and check-in reads the one given last.
 */
import { env } from 'cloudflare:test';
import { toInstant } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
// Check-in times must be believable (at most a day old), so the visits took place in the last hours.
const NOW = Date.now();
const hoursAgo = (hours: number) => toInstant(NOW - hours * 3_600_000);
const SHORT = { id: 'vis_cntc_short', start: hoursAgo(6), end: hoursAgo(5) };
const NOTICED = { id: 'vis_cntc_noticed', start: hoursAgo(4), end: hoursAgo(3) };

beforeAll(async () => {
  f = await createFixtureTenant('cntc');
  const insertVisit = env.DB.prepare(
    `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, window_start, window_end, status, created_at, updated_at)
     VALUES (?, ?, ?, 'understand_situation', ?, ?, ?, ?, 'planned', 0, 0)`,
  );
  await env.DB.batch([
    env.DB.prepare(`UPDATE tenants SET jurisdiction = 'uk', time_zone = 'Europe/London' WHERE id = ?`).bind(
      f.tenantId,
    ),
    // Whatever the hour the tests run at, only the notice is in question: the customer consented to
    // visits outside the usual hours.
    env.DB.prepare(`UPDATE customers SET flags = '{"consentOutsideHours":true}' WHERE id = ?`).bind(
      f.customerA,
    ),
    ...[SHORT, NOTICED].map((visit) =>
      insertVisit.bind(
        visit.id,
        f.tenantId,
        f.caseA,
        JSON.stringify([f.agentA1]),
        f.agentA1,
        Date.parse(visit.start),
        Date.parse(visit.end),
      ),
    ),
  ]);
});

const notice = (visitId: string, body: unknown, key = f.keys.supervisor) =>
  call(key, 'POST', `/v1/visits/${visitId}/notices`, { body });

/** The agent checks in at `at` by its device, and the server receives it then too. */
async function checkIn(visitId: string, at: string) {
  const etag = (await call(f.keys.agent, 'GET', `/v1/visits/${visitId}`)).headers.get('ETag') ?? '';
  return atServerTime(at, () =>
    call(f.keys.agent, 'POST', `/v1/visits/${visitId}/check-in`, {
      body: { at, lat: 51.5, lon: -0.12 },
      headers: { 'If-Match': etag },
    }),
  );
}

async function vetoOf(response: Response) {
  expect(response.status).toBe(422);
  const problem = await response.json<{ vetoes: { rule: string; code: string; overridable: boolean }[] }>();
  return problem.vetoes.map(({ rule, code, overridable }) => ({ rule, code, overridable }));
}

describe('UK notice of visit date and likely time', () => {
  it('without notice the agent may not check in; notice given under 48 hours ahead is not enough', async () => {
    expect(await vetoOf(await checkIn(SHORT.id, hoursAgo(5.5)))).toEqual([
      { rule: 'notice', code: 'visit.no-notice', overridable: true },
    ]);

    const recorded = await notice(SHORT.id, {
      givenAt: hoursAgo(30),
      channel: 'phone',
      likelyTime: { start: SHORT.start, end: hoursAgo(4) },
    });
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toMatchObject({
      visitId: SHORT.id,
      givenAt: hoursAgo(30),
      channel: 'phone',
      likelyTime: { start: SHORT.start, end: hoursAgo(4) },
      recordedByKeyId: f.keyIds.supervisor,
    });
    const audit = await env.DB.prepare(
      `SELECT actor_key_id, data FROM audit_log WHERE tenant_id = ? AND subject_id = ? AND action = 'visit.notice-recorded'`,
    )
      .bind(f.tenantId, SHORT.id)
      .all<{ actor_key_id: string; data: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]?.actor_key_id).toBe(f.keyIds.supervisor);
    expect(JSON.parse(audit.results[0]?.data ?? '{}')).toMatchObject({
      channel: 'phone',
      givenAt: hoursAgo(30),
    });

    expect(await vetoOf(await checkIn(SHORT.id, hoursAgo(5.5)))).toEqual([
      { rule: 'notice', code: 'visit.short-notice', overridable: true },
    ]);
  });

  it('with notice in time the visit may start only inside the likely time it announced', async () => {
    const recorded = await notice(
      NOTICED.id,
      {
        givenAt: hoursAgo(76),
        channel: 'letter',
        likelyTime: { start: hoursAgo(4.5), end: hoursAgo(3) },
      },
      f.keys.agent,
    );
    expect(recorded.status).toBe(201);
    // A quarter of an hour after the window: within check-in's tolerance, outside the announced time.
    expect(await vetoOf(await checkIn(NOTICED.id, hoursAgo(2.75)))).toEqual([
      { rule: 'notice', code: 'visit.outside-notice', overridable: true },
    ]);
    expect((await checkIn(NOTICED.id, hoursAgo(3.5))).status).toBe(200);

    const late = await notice(NOTICED.id, {
      givenAt: hoursAgo(50),
      channel: 'letter',
      likelyTime: { start: NOTICED.start, end: NOTICED.end },
    });
    expect(late.status).toBe(409);
  });

  it('refuses notice not yet given, and notice that does not announce the planned window', async () => {
    const future = await notice(SHORT.id, {
      givenAt: hoursAgo(-24),
      channel: 'email',
      likelyTime: { start: SHORT.start, end: SHORT.end },
    });
    expect(future.status).toBe(422);
    expect(await future.json()).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ path: '/givenAt' }] });

    const elsewhen = await notice(SHORT.id, {
      givenAt: hoursAgo(96),
      channel: 'email',
      likelyTime: { start: hoursAgo(3), end: hoursAgo(1) },
    });
    expect(elsewhen.status).toBe(422);
    expect(await elsewhen.json()).toMatchObject({
      code: 'REQUEST.INVALID',
      errors: [{ path: '/likelyTime' }],
    });

    const backwards = await notice(SHORT.id, {
      givenAt: hoursAgo(96),
      channel: 'email',
      likelyTime: { start: SHORT.end, end: SHORT.start },
    });
    expect(backwards.status).toBe(422);
  });

  it('a supervisor plans a UK visit by hand far enough ahead to announce it; one sooner is refused as short notice', async () => {
    const create = (hoursAhead: number) =>
      call(f.keys.supervisor, 'POST', '/v1/visits', {
        body: {
          caseId: f.caseB,
          purpose: 'understand_situation',
          agentIds: [f.agentA2],
          window: { start: hoursAgo(-hoursAhead), end: hoursAgo(-hoursAhead - 1) },
        },
      });
    // As for customer A: only the notice is in question, whatever the hour the tests run at.
    await env.DB.prepare(`UPDATE customers SET flags = '{"consentOutsideHours":true}' WHERE id = ?`)
      .bind(f.customerB)
      .run();
    // 48 hours of notice (the pack's default) can still be given for a visit three days out.
    expect((await create(72)).status).toBe(201);
    expect(await vetoOf(await create(20))).toEqual([
      { rule: 'notice', code: 'visit.short-notice', overridable: true },
    ]);
  });
});
