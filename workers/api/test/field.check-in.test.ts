/**
 * Check-in a supervisor can trust (issue 14, item 4): the server's receipt time beside the device's,
 * a device clock off the server's or an arrival outside the visit's window refused with the rule, the
 * distance from the customer's address measured and a far check-in flagged (refused where the tenant
 * is strict), counted in the far-check-in KPI; compliance hours judged on the server's clock.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
const HOME = { lat: 22.54, lon: 114.05 };
/** About `meters` north of the customer's door (0.001° of latitude ≈ 111 m). */
const north = (meters: number) => ({ lat: HOME.lat + meters / 111_195, lon: HOME.lon });
/** 10:00–11:00 in Shanghai on 2 November 2026. */
const MORNING = { start: '2026-11-02T02:00:00.000Z', end: '2026-11-02T03:00:00.000Z' };
const ON_TIME = '2026-11-02T02:10:00.000Z';

beforeAll(async () => {
  f = await createFixtureTenant('fchk');
});

let visits = 0;

/**
 * A planned visit (two staff, as the CN pack wants) to a customer of its own: each check-in here is a
 * customer's first visit, so no cool-down stands between them.
 */
async function plannedVisit(window = MORNING, home: { lat: number; lon: number } | null = HOME) {
  visits += 1;
  const [customerId, caseId, visitId] = ['cus', 'case', 'vis'].map((prefix) => `${prefix}_fchk_${visits}`);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO customers (id, tenant_id, external_ref, name, lat, lon, source_updated_at, created_at, updated_at)
       VALUES (?, ?, ?, 'Li Wei', ?, ?, 0, 0, 0)`,
    ).bind(customerId, f.tenantId, customerId, home?.lat ?? null, home?.lon ?? null),
    env.DB.prepare(
      `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, opened_at, updated_at)
       VALUES (?, ?, ?, ?, 'planned', 'M2', 45, 320000, 320000, 'CNY', 'reg_futian', ?, 0, 0)`,
    ).bind(caseId, f.tenantId, customerId, `acc_fchk_${visits}`, f.agencyA),
    env.DB.prepare(
      `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, window_start, window_end, status, created_at, updated_at)
       VALUES (?, ?, ?, 'understand_situation', ?, ?, ?, ?, 'planned', 0, 0)`,
    ).bind(
      visitId,
      f.tenantId,
      caseId,
      JSON.stringify([f.agentA1, `${f.agentA1}_partner`]),
      f.agentA1,
      Date.parse(window.start),
      Date.parse(window.end),
    ),
  ]);
  return visitId!;
}

/** The agent's app checks in, claiming `at`, while the server's clock reads `serverTime`. */
async function checkIn(visitId: string, at: string, serverTime: string, position = north(40)) {
  const etag = (await call(f.keys.agent, 'GET', `/v1/visits/${visitId}`)).headers.get('ETag') ?? '';
  return atServerTime(serverTime, () =>
    call(f.keys.agent, 'POST', `/v1/visits/${visitId}/check-in`, {
      body: { at, ...position },
      headers: { 'If-Match': etag },
    }),
  );
}

interface Refusal {
  code: string;
  errors: { path: string; code: string }[];
  refusals: { rule: string; code: string; data: Record<string, unknown> }[];
}

const refusalOf = async (response: Response) => {
  expect(response.status).toBe(422);
  const problem = await response.json<Refusal>();
  expect(problem.code).toBe('VISIT.CHECK_IN_REFUSED');
  return problem;
};

/** Nothing of a refused check-in is kept on the visit; the attempt is kept in the audit trail. */
async function expectUntouched(visitId: string) {
  const visit = await (await call(f.keys.supervisor, 'GET', `/v1/visits/${visitId}`)).json<{
    status: string;
    checkIn: unknown;
    version: number;
  }>();
  expect(visit).toMatchObject({ status: 'planned', checkIn: null, version: 1 });
  const audit = await env.DB.prepare(
    `SELECT action, data FROM audit_log WHERE tenant_id = ? AND subject_id = ? ORDER BY at`,
  )
    .bind(f.tenantId, visitId)
    .all<{ action: string; data: string }>();
  expect(audit.results.map((row) => row.action)).toEqual(['visit.check-in-refused']);
  return JSON.parse(audit.results[0]!.data) as { refusals: { rule: string }[]; receivedAt: string };
}

describe('check-in a supervisor can trust', () => {
  it('refuses a device clock more than 5 minutes off the server’s, naming the rule at /at', async () => {
    const visitId = await plannedVisit();
    const problem = await refusalOf(await checkIn(visitId, '2026-11-02T02:16:00.000Z', ON_TIME));
    expect(problem.refusals).toEqual([
      expect.objectContaining({
        rule: 'clock-skew',
        code: 'check-in.clock-skew',
        data: { deviceAt: '2026-11-02T02:16:00.000Z', receivedAt: ON_TIME, skewMinutes: 6, maxMinutes: 5 },
      }),
    ]);
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/at', code: 'check-in.clock-skew' })]);
    const audited = await expectUntouched(visitId);
    expect(audited).toMatchObject({ receivedAt: ON_TIME, refusals: [{ rule: 'clock-skew' }] });
    // Four minutes off is within the tenant's tolerance.
    expect((await checkIn(visitId, '2026-11-02T02:14:00.000Z', ON_TIME)).status).toBe(200);
  });

  it('refuses a check-in dated three weeks ahead: the clock and the window both', async () => {
    const visitId = await plannedVisit();
    const problem = await refusalOf(await checkIn(visitId, '2026-11-23T02:10:00.000Z', ON_TIME));
    expect(problem.refusals.map((refusal) => refusal.rule)).toEqual(['clock-skew', 'visit-window']);
    await expectUntouched(visitId);
  });

  it('refuses an arrival outside the visit’s window and its 30-minute tolerance, whatever both clocks say', async () => {
    const visitId = await plannedVisit();
    const late = '2026-11-02T03:31:00.000Z';
    const problem = await refusalOf(await checkIn(visitId, late, late));
    expect(problem.refusals).toEqual([
      expect.objectContaining({
        rule: 'visit-window',
        data: { deviceAt: late, from: '2026-11-02T01:30:00.000Z', to: '2026-11-02T03:30:00.000Z' },
      }),
    ]);
    await expectUntouched(visitId);
    const inTolerance = '2026-11-02T03:29:00.000Z';
    expect((await checkIn(visitId, inTolerance, inTolerance)).status).toBe(200);
  });

  it('refuses (0, 0), the position a device sends without a fix, at /lat and /lon', async () => {
    const visitId = await plannedVisit();
    const problem = await refusalOf(await checkIn(visitId, ON_TIME, ON_TIME, { lat: 0, lon: 0 }));
    expect(problem.errors.map((error) => error.path)).toEqual(['/lat', '/lon']);
    expect(problem.refusals.map((refusal) => refusal.rule)).toEqual(['position']);
  });

  it('accepts a check-in 2 km from the address flagged location.far, shows it on the visit and counts it in the KPI', async () => {
    const far = await plannedVisit();
    const near = await plannedVisit();
    const unmapped = await plannedVisit(MORNING, null);
    const checkedIn = await checkIn(far, ON_TIME, '2026-11-02T02:10:30.000Z', north(2_000));
    expect(checkedIn.status).toBe(200);
    const flagged = {
      at: ON_TIME,
      receivedAt: '2026-11-02T02:10:30.000Z',
      distanceMeters: 2_000,
      flags: [
        {
          code: 'location.far',
          data: { distanceMeters: 2_000, radiusMeters: 500 },
          message: 'Checked in 2000 m from the customer’s address; the radius is 500 m',
        },
      ],
    };
    expect((await checkedIn.json<{ checkIn: unknown }>()).checkIn).toMatchObject(flagged);
    const seen = await (await call(f.keys.supervisor, 'GET', `/v1/visits/${far}`)).json<{
      checkIn: unknown;
    }>();
    expect(seen.checkIn).toMatchObject(flagged);
    expect((await checkIn(near, ON_TIME, ON_TIME, north(120))).status).toBe(200);
    const unmeasured = await checkIn(unmapped, ON_TIME, ON_TIME, north(9_000));
    expect((await unmeasured.json<{ checkIn: unknown }>()).checkIn).toMatchObject({
      distanceMeters: null,
      flags: [],
    });

    for (const visitId of [far, near, unmapped]) {
      const etag = (await call(f.keys.agent, 'GET', `/v1/visits/${visitId}`)).headers.get('ETag') ?? '';
      const recorded = await atServerTime('2026-11-02T02:50:00.000Z', () =>
        call(f.keys.agent, 'POST', `/v1/visits/${visitId}/outcome`, {
          body: {
            contactResult: 'customer_met',
            checklist: [],
            willingness: 4,
            monthlyAbilityToPay: null,
            satisfaction: 4,
          },
          headers: { 'If-Match': etag },
        }),
      );
      expect(recorded.status).toBe(200);
    }
    const report = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/kpis/far-check-in-rate?from=2026-11-02&to=2026-11-02',
    );
    expect(report.status).toBe(200);
    const table = await report.json<{
      rows: { result: { numerator: number; denominator: number; value: number } }[];
    }>();
    // Of the two check-ins whose distance could be measured, one was far; the unmapped address is left out.
    expect(table.rows.map((row) => row.result)).toEqual([
      { definitionId: 'far-check-in-rate', numerator: 1, denominator: 2, value: 0.5, currency: null },
    ]);
  });

  it('refuses a far check-in where the tenant sets checkIn.strictLocation, and still accepts a near one', async () => {
    const strict = await createFixtureTenant('fchkstrict');
    const activated = await call(strict.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: {
        reason: 'agents must be at the door to check in',
        document: {
          version: 'strict-location',
          screening: [{ id: 'weighted-risk' }],
          compliance: [
            {
              id: 'cn',
              options: {
                checkIn: {
                  maxClockSkewMinutes: 5,
                  windowToleranceMinutes: 30,
                  radiusMeters: 300,
                  strictLocation: true,
                },
              },
            },
          ],
          preparation: { id: 'standard-dossier' },
          planning: { id: 'route-optimised' },
          repayment: { id: 'affordable-plan' },
          followUp: { id: 'willingness-ability' },
        },
      },
    });
    expect(activated.status).toBe(201);
    const attempt = async (visitId: string, position: { lat: number; lon: number }) => {
      const etag = (await call(strict.keys.agent, 'GET', `/v1/visits/${visitId}`)).headers.get('ETag') ?? '';
      return atServerTime(ON_TIME, () =>
        call(strict.keys.agent, 'POST', `/v1/visits/${visitId}/check-in`, {
          body: { at: ON_TIME, ...position },
          headers: { 'If-Match': etag },
        }),
      );
    };
    const problem = await refusalOf(await attempt(strict.visitA1, north(400)));
    expect(problem.refusals).toEqual([
      expect.objectContaining({
        rule: 'location-radius',
        code: 'location.far',
        data: { distanceMeters: 400, radiusMeters: 300 },
      }),
    ]);
    expect(problem.errors.map((error) => error.path)).toEqual(['/lat', '/lon']);
    expect((await attempt(strict.visitA1, north(250))).status).toBe(200);
  });

  it('judges the contact hours on the server’s clock, never the device’s', async () => {
    // 21:30–22:30 in Shanghai; the CN pack forbids visits from 22:00.
    const evening = { start: '2026-11-02T13:30:00.000Z', end: '2026-11-02T14:30:00.000Z' };
    const early = await plannedVisit(evening);
    // The device says 21:57, the server reads 22:01: refused by the hours, the device notwithstanding.
    const refused = await checkIn(early, '2026-11-02T13:57:00.000Z', '2026-11-02T14:01:00.000Z');
    expect(refused.status).toBe(422);
    const problem = await refused.json<{ code: string; vetoes: { rule: string }[] }>();
    expect(problem.code).toBe('VISIT.COMPLIANCE_VETO');
    expect(problem.vetoes.map((veto) => veto.rule)).toEqual(['contact-hours']);
    // The device says 22:02, the server reads 21:58: allowed.
    const late = await plannedVisit(evening);
    expect((await checkIn(late, '2026-11-02T14:02:00.000Z', '2026-11-02T13:58:00.000Z')).status).toBe(200);
  });
});
