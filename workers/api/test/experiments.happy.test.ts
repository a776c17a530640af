import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from 'cloudflare:test';
import { assignCase, type DelinquencyBucket, type ExperimentDefinition } from '@doorstep/evaluation';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { driveRollupRuns } from './rollups.helpers';

const SCREENED_CASES = 1200;
let f: FixtureTenant;
/** The experiment the first test starts and enrols; later tests enrol late cases into it. */
let holdoutExperimentId = '';

/** Screened cases beyond the fixture's two, so enrolment needs several queue chunks. */
async function addScreenedCases(tenant: FixtureTenant) {
  const db = env.DB;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < SCREENED_CASES; i++) {
    statements.push(
      db
        .prepare(
          `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open,
             currency, region_id, agency_id, eligible, priority, opened_at, updated_at)
           VALUES (?, ?, ?, ?, 'screened', ?, 40, 100000, 100000, 'CNY', 'reg_futian', ?, ?, 0.5, 0, 0)`,
        )
        .bind(
          `case_exp_${String(i).padStart(5, '0')}`,
          tenant.tenantId,
          tenant.customerA,
          `acc_exp_${i}`,
          i % 3 === 0 ? 'M1' : 'M2',
          tenant.agencyA,
          i % 10 === 0 ? 0 : 1,
        ),
    );
  }
  for (let i = 0; i < statements.length; i += 400) await db.batch(statements.slice(i, i + 400));
}

/**
 * Delivers the enrolment chain's messages to the real consumer one by one, as the queue would, until the
 * experiment's cursor says it is done; returns how many chunks it took.
 */
async function driveEnrolment(experimentId: string): Promise<number> {
  for (let chunks = 0; chunks < 50; chunks++) {
    const row = await env.DB.prepare('SELECT enrolled_through FROM experiments WHERE id = ?')
      .bind(experimentId)
      .first<{ enrolled_through: string | null }>();
    if (row?.enrolled_through === null) return chunks;
    await deliver(experimentId, row?.enrolled_through || null);
  }
  throw new Error(`enrolment of ${experimentId} did not finish`);
}

let messageSequence = 0;
async function deliver(experimentId: string, afterCaseId: string | null) {
  const body = { type: 'experiment.assign', v: 1, tenantId: f.tenantId, experimentId, afterCaseId };
  const batch = createMessageBatch('doorstep-jobs', [
    { id: `msg-${messageSequence++}`, timestamp: new Date(), attempts: 1, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  expect(result.retryMessages).toEqual([]);
}

const screenedCases = async () =>
  (
    await env.DB.prepare('SELECT COUNT(*) AS n FROM cases WHERE tenant_id = ? AND eligible IS NOT NULL')
      .bind(f.tenantId)
      .first<{ n: number }>()
  )?.n ?? 0;

const enrolled = async (experimentId: string) =>
  (
    await env.DB.prepare('SELECT COUNT(*) AS n FROM experiment_assignments WHERE experiment_id = ?')
      .bind(experimentId)
      .first<{ n: number }>()
  )?.n;

describe('experiments: holdout enrolment through the queue and the effect report', () => {
  beforeAll(async () => {
    f = await createFixtureTenant('exp');
    await addScreenedCases(f);
  });

  it('enrols every screened case exactly once, stratified, and keeps compliance exclusions out of the arms', async () => {
    const created = await call(f.keys.supervisor, 'POST', '/v1/experiments', {
      body: { name: 'Q4 holdout', holdoutShare: 0.25, minimumDetectableEffect: 0.05 },
    });
    expect(created.status).toBe(201);
    const experiment = await created.json<{ id: string }>();
    expect(created.headers.get('Location')).toBe(`/v1/experiments/${experiment.id}`);

    const screened = await screenedCases();
    expect(await driveEnrolment(experiment.id)).toBe(Math.ceil(screened / 500));
    expect(await enrolled(experiment.id)).toBe(screened);
    const read = await call(f.keys.analyst, 'GET', `/v1/experiments/${experiment.id}`);
    const body = await read.json<{ enrolment: { arm: string; eligible: boolean; cases: number }[] }>();
    const total = (filter: (e: { arm: string; eligible: boolean }) => boolean) =>
      body.enrolment.filter(filter).reduce((sum, e) => sum + e.cases, 0);
    expect(total(() => true)).toBe(screened);
    expect(total((e) => !e.eligible)).toBe(SCREENED_CASES / 10);
    const holdoutShare = total((e) => e.arm === 'holdout') / SCREENED_CASES;
    expect(holdoutShare).toBeGreaterThan(0.2);
    expect(holdoutShare).toBeLessThan(0.3);

    // A redelivered first chunk inserts nothing and, the cursor having moved on, starts no second chain.
    await deliver(experiment.id, null);
    expect(await enrolled(experiment.id)).toBe(screened);
    const cursor = await env.DB.prepare('SELECT enrolled_through FROM experiments WHERE id = ?')
      .bind(experiment.id)
      .first<{ enrolled_through: string | null }>();
    expect(cursor?.enrolled_through).toBeNull();
    holdoutExperimentId = experiment.id;
  });

  it('enrols cases screened after the enrolment pass when they are screened, with the arm the core assigns', async () => {
    const late = Array.from({ length: 30 }, (_, i) => `case_late_${String(i).padStart(3, '0')}`);
    await env.DB.batch(
      late.flatMap((id, i) => [
        env.DB.prepare(
          `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal,
             status, dpd, overdue_total, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'loan', 'consumer-loan', 'CNY', 5000000, 'delinquent', 45, 120000, 0, 0)`,
        ).bind(`acc_late_${i}`, f.tenantId, f.customerA, `acc_late_${i}`),
        env.DB.prepare(
          `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open,
             currency, region_id, agency_id, opened_at, updated_at)
           VALUES (?, ?, ?, ?, 'open', ?, 45, 120000, 120000, 'CNY', 'reg_futian', ?, 0, 0)`,
        ).bind(id, f.tenantId, f.customerA, `acc_late_${i}`, i % 2 === 0 ? 'M1' : 'M2', f.agencyA),
      ]),
    );
    const before = await enrolled(holdoutExperimentId);

    const screening = await call(f.keys.supervisor, 'POST', '/v1/screenings', {
      body: { filter: { unscreened: true } },
    });
    expect(screening.status).toBe(201);

    expect(await enrolled(holdoutExperimentId)).toBe((before ?? 0) + late.length);
    const stored = await env.DB.prepare('SELECT definition FROM experiments WHERE id = ?')
      .bind(holdoutExperimentId)
      .first<{ definition: string }>();
    const definition = JSON.parse(stored!.definition) as ExperimentDefinition;
    const { results } = await env.DB.prepare(
      `SELECT a.case_id, a.arm, a.eligible, a.stratum, c.bucket, c.eligible AS screened_eligible
       FROM experiment_assignments a JOIN cases c ON c.id = a.case_id
       WHERE a.experiment_id = ? AND a.case_id LIKE 'case_late_%' ORDER BY a.case_id`,
    )
      .bind(holdoutExperimentId)
      .all<{
        case_id: string;
        arm: string;
        eligible: number;
        stratum: string;
        bucket: string;
        screened_eligible: number;
      }>();
    expect(results.map((row) => row.case_id)).toEqual(late);
    for (const row of results) {
      const expected = assignCase(definition, {
        caseId: row.case_id,
        bucket: row.bucket as DelinquencyBucket,
        eligibility: { eligible: true },
      });
      expect({ arm: row.arm, stratum: row.stratum, eligible: row.eligible }).toEqual({
        arm: expected.arm,
        stratum: expected.stratum,
        eligible: row.screened_eligible,
      });
    }
    // Screening them again (or the enrolment pass meeting them) keeps the first assignment.
    await call(f.keys.supervisor, 'POST', '/v1/screenings', { body: { filter: { agencyId: f.agencyA } } });
    expect(await enrolled(holdoutExperimentId)).toBe((before ?? 0) + late.length);
  });

  it('refuses to schedule a visit for a case the running experiment holds out', async () => {
    const held = await env.DB.prepare(
      `SELECT case_id FROM experiment_assignments WHERE tenant_id = ? AND arm = 'holdout' AND eligible = 1 LIMIT 1`,
    )
      .bind(f.tenantId)
      .first<{ case_id: string }>();
    expect(held).not.toBeNull();
    const response = await call(f.keys.supervisor, 'POST', '/v1/visits', {
      body: {
        caseId: held!.case_id,
        purpose: 'understand_situation',
        agentIds: [f.agentA1, f.agentA2],
        window: { start: '2026-11-03T02:00:00.000Z', end: '2026-11-03T03:00:00.000Z' },
      },
    });
    expect(response.status).toBe(422);
    expect((await response.json<{ code: string }>()).code).toBe('VISIT.HELD_OUT');
  });

  it('splits the work list into the cases a running experiment holds out and the rest', async () => {
    const { results } = await env.DB.prepare(
      `SELECT a.case_id, MAX(a.arm = 'holdout' AND a.eligible = 1 AND e.status = 'running') AS held
       FROM experiment_assignments a JOIN experiments e ON e.id = a.experiment_id
       WHERE a.tenant_id = ? GROUP BY a.case_id`,
    )
      .bind(f.tenantId)
      .all<{ case_id: string; held: number }>();
    const expectedHeld = results.filter((row) => row.held === 1).map((row) => row.case_id);
    expect(expectedHeld.length).toBeGreaterThan(0);
    const ids = async (query: string) => {
      const found: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = `/v1/cases?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await call(f.keys.supervisor, 'GET', page);
        expect(response.status).toBe(200);
        const body = await response.json<{ items: { id: string }[]; nextCursor: string | null }>();
        found.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
      }
      return found;
    };
    const [held, visitable, all] = [await ids('&heldOut=true'), await ids('&heldOut=false'), await ids('')];
    expect(held.toSorted()).toEqual(expectedHeld.toSorted());
    expect([...held, ...visitable].toSorted()).toEqual(all.toSorted());
  });

  it('reports the cure-rate difference of visited against holdout with its interval', async () => {
    const created = await call(f.keys.admin, 'POST', '/v1/experiments', {
      body: { name: 'Effect', holdoutShare: 0.5, minimumDetectableEffect: 0.1 },
    });
    const { id } = await created.json<{ id: string }>();
    await driveEnrolment(id);
    // Cure every visit-arm case with an id ending in 0–4 and every holdout case ending in 0–1.
    const curedAt = Date.UTC(2026, 9, 15, 4, 0, 0);
    await env.DB.prepare(
      `UPDATE cases SET status = 'cured', ended_at = ?1 WHERE tenant_id = ?2 AND id IN (
         SELECT case_id FROM experiment_assignments WHERE experiment_id = ?3 AND (
           (arm = 'champion' AND substr(case_id, -1) IN ('0','1','2','3','4')) OR
           (arm = 'holdout' AND substr(case_id, -1) IN ('0','1'))))`,
    )
      .bind(curedAt, f.tenantId, id)
      .run();
    const counts = await env.DB.prepare(
      `SELECT a.arm, COUNT(*) AS n, SUM(c.status = 'cured') AS cured FROM experiment_assignments a
       JOIN cases c ON c.id = a.case_id WHERE a.experiment_id = ? AND a.eligible = 1 GROUP BY a.arm`,
    )
      .bind(id)
      .all<{ arm: string; n: number; cured: number }>();
    const arm = (name: string) => counts.results.find((r) => r.arm === name)!;
    const expected = arm('champion').cured / arm('champion').n - arm('holdout').cured / arm('holdout').n;

    // The effect rollup of that month end is not built yet: the first request starts it and says when to retry.
    const path = `/v1/experiments/${id}/effect?from=2026-09-30&to=2026-10-31`;
    const building = await call(f.keys.analyst, 'GET', path);
    expect(building.status).toBe(503);
    expect(building.headers.get('retry-after')).toBe('60');
    expect((await building.json<{ code: string }>()).code).toBe('REPORT.BUILDING');
    expect(await driveRollupRuns(f.tenantId)).toBeGreaterThan(0);
    const response = await call(f.keys.analyst, 'GET', path);
    expect(response.status).toBe(200);
    const report = await response.json<{
      arms: { holdout: { cases: number } };
      visitedVsHoldout: { cureRateDifference: { estimate: number; lower: number; upper: number } };
      freshness: { source: string; monthEnd: string };
    }>();
    expect(report.arms.holdout.cases).toBe(arm('holdout').n);
    const difference = report.visitedVsHoldout.cureRateDifference;
    expect(difference.estimate).toBeCloseTo(expected, 10);
    expect(difference.lower).toBeLessThan(expected);
    expect(difference.upper).toBeGreaterThan(expected);
    expect(report.freshness).toMatchObject({ source: 'built', monthEnd: '2026-09-30' });

    const midMonth = await call(
      f.keys.analyst,
      'GET',
      `/v1/experiments/${id}/effect?from=2026-10-15&to=2026-10-31`,
    );
    expect(midMonth.status).toBe(422);
    expect((await midMonth.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe('/from');
  });
});

describe('KPI report endpoint', () => {
  it('answers JSON and CSV, and names the field when a breakdown is not supported', async () => {
    await call(f.keys.analyst, 'GET', '/v1/reports/kpis/cure-rate?from=2026-09-30&to=2026-10-31');
    await driveRollupRuns(f.tenantId);
    const json = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/kpis/cure-rate?from=2026-09-30&to=2026-10-31&groupBy=region',
    );
    expect(json.status).toBe(200);
    const table = await json.json<{
      definitionId: string;
      freshness: { source: string; monthEnd: string };
    }>();
    expect(table.definitionId).toBe('cure-rate');
    expect(table.freshness).toMatchObject({ source: 'built', monthEnd: '2026-09-30' });

    // CSV is not JSON, so this request goes around the fixture's JSON contract check.
    const csv = await SELF.fetch(
      'https://api.test/v1/reports/kpis/satisfaction?from=2026-10-01&to=2026-10-31&format=csv',
      { headers: { Authorization: `Bearer ${f.keys.supervisor}` } },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // Outcome rollups are kept by every write: live, as of the request.
    expect(Date.parse(csv.headers.get('rollup-built-at')!)).toBeGreaterThan(Date.now() - 60_000);
    expect((await csv.text()).split('\r\n')[0]).toContain('numerator');

    const bad = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/kpis/cure-rate?from=2026-09-30&to=2026-10-31&groupBy=agent',
    );
    expect(bad.status).toBe(422);
    const problem = await bad.json<{ errors: { path: string; in: string }[] }>();
    expect(problem.errors[0]).toMatchObject({ path: '/groupBy', in: 'query' });

    const reversed = await call(
      f.keys.analyst,
      'GET',
      '/v1/reports/kpis/cure-rate?from=2026-10-31&to=2026-09-30',
    );
    expect(reversed.status).toBe(422);
  });

  it('answers every KPI over a window with no data (found by pnpm fuzz: money KPIs were a 500)', async () => {
    const kpis = [
      'cure-rate',
      'recovery-rate',
      'cost-per-cured-case',
      'overdue-rate.amount',
      'overdue-rate.count',
      'satisfaction',
      'promise-kept-rate',
      'right-party-contact-rate',
      'visits-per-agent-day',
      'far-check-in-rate',
    ];
    for (const kpi of kpis) {
      // A window with no data (from a month end, as rollup-backed KPIs require): never a 500. A KPI read
      // from rollups may first answer 503 while the month is built; what answers now has no value.
      const response = await call(
        f.keys.admin,
        'GET',
        `/v1/reports/kpis/${kpi}?from=1999-12-31&to=2000-01-31`,
      );
      expect([200, 503], kpi).toContain(response.status);
      if (response.status === 503) {
        expect((await response.json<{ code: string }>()).code, kpi).toBe('REPORT.BUILDING');
        continue;
      }
      const table = await response.json<{
        rows: { result: { denominator: number; value: number | null } }[];
      }>();
      expect(
        table.rows.every((row) => row.result.denominator === 0 && row.result.value === null),
        kpi,
      ).toBe(true);
    }
  });

  it('refuses a group key named twice with 422 at groupBy (found by pnpm fuzz: it was a 500)', async () => {
    const response = await call(
      f.keys.admin,
      'GET',
      '/v1/reports/kpis/visits-per-agent-day?from=2026-10-01&to=2026-10-31&groupBy=agent,agency,agent',
    );
    expect(response.status).toBe(422);
    const problem = await response.json<{ errors: { path: string; message: string }[] }>();
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ path: '/groupBy', message: 'Each group key at most once' }),
    );
  });

  it('is closed to field agents and agencies', async () => {
    for (const key of [f.keys.agent, f.keys.agency]) {
      const response = await call(key, 'GET', '/v1/reports/kpis/cure-rate?from=2026-09-30&to=2026-10-31');
      expect(response.status).toBe(403);
    }
  });
});
