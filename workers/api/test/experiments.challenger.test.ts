/**
 * Champion against challenger, end to end: the tenant's active set (v1) is the champion, a stored
 * candidate (v2) the challenger. Cases split by the stable hash into holdout, champion and challenger;
 * the challenger's cases are screened, prepared, offered plans and given follow-ups by v2 (visible in
 * every stored decision), the others by v1; the effect report compares the three arms with intervals.
 */
import { env } from 'cloudflare:test';
import { assignCase, type DelinquencyBucket, type ExperimentDefinition } from '@doorstep/evaluation';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { checkInAndRecordOutcome } from './fixtures/visit-outcome';
import { driveRollupRuns } from './rollups.helpers';

const CASES = 90;
const T0 = Date.UTC(2026, 10, 2, 1, 0, 0);
const CURED_AT = Date.UTC(2026, 10, 15, 4, 0, 0);
let f: FixtureTenant;
let experimentId = '';
let arms = new Map<string, 'holdout' | 'champion' | 'challenger'>();

const set = (version: string, overrides: Record<string, unknown>) => ({
  version,
  screening: [{ id: 'weighted-risk' }],
  compliance: [],
  preparation: { id: 'standard-dossier' },
  planning: { id: 'route-optimised' },
  repayment: { id: 'affordable-plan' },
  followUp: { id: 'willingness-ability' },
  ...overrides,
});
const champion = set('champion-2026', {});
// The challenger also weighs the customer's other accounts, waives fees and puts hardship first.
const challenger = set('challenger-2026', {
  screening: [{ id: 'weighted-risk' }, { id: 'several-accounts' }],
  repayment: { id: 'affordable-plan', options: { waiveFees: true } },
  followUp: { id: 'hardship-first' },
});

const caseId = (i: number) => `case_chal_${String(i).padStart(3, '0')}`;
type DecidedBy = { policyVersion: number; set: string; experimentId: string | null; arm: string | null };

/** One customer per case, each with a loan 60 days late: 4,000.00 CNY principal, 200.00 fees. */
async function addCases(tenant: FixtureTenant) {
  const db = env.DB;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < CASES; i++) {
    const [customer, account] = [`cus_chal_${i}`, `acc_chal_${i}`];
    statements.push(
      db
        .prepare(
          `INSERT INTO customers (id, tenant_id, external_ref, name, phone, address_line, lat, lon, region_id, source_updated_at, created_at, updated_at)
           VALUES (?, ?, ?, 'Chen Ming', '+8613800000000', '1 Shennan Rd', 22.54, 114.05, 'reg_futian', ?, ?, ?)`,
        )
        .bind(customer, tenant.tenantId, customer, T0, T0, T0),
      db
        .prepare(
          `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status,
             last_sequence, last_as_of, dpd, overdue_total, outstanding_balance, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'loan', 'consumer-loan', 'CNY', 5000000, 'delinquent', 1, '2026-11-01', 60, 420000, 2000000, ?, ?)`,
        )
        .bind(account, tenant.tenantId, customer, account, T0, T0),
      db
        .prepare(
          `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest,
             overdue_fees, outstanding_balance, currency, bucket, received_at)
           VALUES (?, ?, 1, '2026-11-01', 60, 400000, 0, 20000, 2000000, 'CNY', 'M2', ?)`,
        )
        .bind(tenant.tenantId, account, T0),
      db
        .prepare(
          `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open,
             currency, region_id, agency_id, opened_at, updated_at)
           VALUES (?, ?, ?, ?, 'open', 'M2', 60, 420000, 420000, 'CNY', 'reg_futian', ?, ?, ?)`,
        )
        .bind(caseId(i), tenant.tenantId, customer, account, tenant.agencyB, T0, T0),
    );
  }
  await db.batch(statements);
}

/** A planned two-person visit on the case, led by agent A2 (agency B's), for check-in and outcome. */
async function addVisit(kase: string): Promise<string> {
  const visitId = `vis_${kase}`;
  await env.DB.prepare(
    `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, lead_agent_id, window_start, window_end, status, created_at, updated_at)
     VALUES (?, ?, ?, 'understand_situation', ?, ?, ?, ?, 'planned', ?, ?)`,
  )
    .bind(
      visitId,
      f.tenantId,
      kase,
      JSON.stringify([f.agentA2, `${f.agentA2}_partner`]),
      f.agentA2,
      T0 + 3_600_000,
      T0 + 7_200_000,
      T0,
      T0,
    )
    .run();
  return visitId;
}

/** Checks in and records a met customer with a serious hardship; returns the case's follow-ups. */
async function visitWithHardship(kase: string) {
  const visitId = await addVisit(kase);
  await checkInAndRecordOutcome(f.keys.supervisor, visitId, '"1"', ['illness']);
  const listed = await call(f.keys.supervisor, 'GET', `/v1/cases/${kase}/follow-ups`);
  return (
    await listed.json<{ items: { kind: string; reason: { code: string }; decidedBy: DecidedBy | null }[] }>()
  ).items;
}

const firstOf = (arm: string) => [...arms].find(([, a]) => a === arm)![0];

beforeAll(async () => {
  f = await createFixtureTenant('chal');
  await addCases(f);
});

describe('a challenger experiment, end to end', () => {
  it('stores the challenger without activating it, and refuses experiments it cannot run, with the path', async () => {
    const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: { reason: 'the champion', document: champion },
    });
    expect(activated.status).toBe(201);
    const stored = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: { reason: 'a challenger to try', document: challenger, activate: false },
    });
    expect(stored.status).toBe(201);
    expect(await stored.json()).toMatchObject({ version: 2, active: false });
    expect(await (await call(f.keys.analyst, 'GET', '/v1/policy-set')).json()).toMatchObject({ version: 1 });

    for (const [version, message] of [
      [9, 'No stored policy-set version 9'],
      [1, 'Version 1 is the active set, the champion itself'],
    ] as const) {
      const refused = await call(f.keys.supervisor, 'POST', '/v1/experiments', {
        body: {
          name: 'bad',
          holdoutShare: 0.2,
          challenger: { policySetVersion: version, share: 0.4 },
          minimumDetectableEffect: 0.1,
        },
      });
      expect(refused.status).toBe(422);
      expect((await refused.json<{ errors: unknown[] }>()).errors).toEqual([
        expect.objectContaining({ path: '/challenger/policySetVersion', message }),
      ]);
    }
  });

  it('splits cases by the stable hash and lets each arm’s set screen them, recording which one did', async () => {
    const created = await call(f.keys.supervisor, 'POST', '/v1/experiments', {
      body: {
        name: 'Hardship first, fees waived',
        holdoutShare: 0.2,
        challenger: { policySetVersion: 2, share: 0.4 },
        minimumDetectableEffect: 0.1,
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    experimentId = (await created.json<{ id: string }>()).id;
    const second = await call(f.keys.supervisor, 'POST', '/v1/experiments', {
      body: {
        name: 'another',
        holdoutShare: 0.2,
        challenger: { policySetVersion: '2', share: 0.3 },
        minimumDetectableEffect: 0.1,
      },
    });
    expect(second.status).toBe(409);

    const screening = await call(f.keys.supervisor, 'POST', '/v1/screenings', {
      body: { filter: { agencyId: f.agencyB } },
    });
    expect(screening.status).toBe(201);

    const stored = await env.DB.prepare('SELECT definition FROM experiments WHERE id = ?')
      .bind(experimentId)
      .first<{ definition: string }>();
    const definition = JSON.parse(stored!.definition) as ExperimentDefinition;
    const { results } = await env.DB.prepare(
      `SELECT a.case_id, a.arm, a.stratum, d.decided_by, d.reasons FROM experiment_assignments a
       JOIN screening_decisions d ON d.case_id = a.case_id AND d.tenant_id = a.tenant_id
       WHERE a.experiment_id = ? AND a.case_id GLOB 'case_chal_[0-9]*' ORDER BY a.case_id`,
    )
      .bind(experimentId)
      .all<{ case_id: string; arm: string; stratum: string; decided_by: string; reasons: string }>();
    expect(results).toHaveLength(CASES);
    arms = new Map();
    for (const row of results) {
      // The arm is the core's assignCase of the stored definition: anyone can recompute it.
      const expected = assignCase(definition, {
        caseId: row.case_id,
        bucket: row.stratum as DelinquencyBucket,
        eligibility: { eligible: true },
      });
      expect(row.arm, row.case_id).toBe(expected.arm);
      arms.set(row.case_id, expected.arm);
      const decidedBy = JSON.parse(row.decided_by) as DecidedBy;
      const codes = (JSON.parse(row.reasons) as { code: string }[]).map((r) => r.code);
      const isChallenger = row.arm === 'challenger';
      expect(decidedBy).toEqual({
        policyVersion: isChallenger ? 2 : 1,
        set: isChallenger ? 'challenger-2026' : 'champion-2026',
        experimentId,
        arm: row.arm,
      });
      // Only the challenger's set lists several-accounts.
      expect(codes.includes('accounts.one'), row.case_id).toBe(isChallenger);
    }
    const counts = (arm: string) => [...arms.values()].filter((a) => a === arm).length;
    expect(counts('holdout')).toBeGreaterThan(5);
    expect(counts('champion')).toBeGreaterThan(15);
    expect(counts('challenger')).toBeGreaterThan(15);

    const api = await call(f.keys.analyst, 'GET', `/v1/cases/${firstOf('challenger')}/screening-decisions`);
    expect((await api.json<{ items: { decidedBy: DecidedBy }[] }>()).items[0]?.decidedBy.arm).toBe(
      'challenger',
    );
  });

  it('prepares visits and proposes plans by the arm’s set', async () => {
    for (const [arm, version] of [
      ['challenger', 2],
      ['champion', 1],
    ] as const) {
      const kase = firstOf(arm);
      const dossier = await call(f.keys.supervisor, 'GET', `/v1/cases/${kase}/dossier`);
      expect((await dossier.json<{ decidedBy: DecidedBy }>()).decidedBy).toMatchObject({
        policyVersion: version,
        arm,
      });

      const proposed = await call(f.keys.supervisor, 'POST', `/v1/cases/${kase}/repayment-plans`, {
        body: { monthlyAbilityToPay: { amountMinor: 100000, currency: 'CNY' } },
      });
      expect(proposed.status).toBe(201);
      const plan = await proposed.json<{
        waived: { amountMinor: number };
        reasons: { code: string }[];
        decidedBy: DecidedBy;
      }>();
      expect(plan.decidedBy).toMatchObject({ policyVersion: version, arm, experimentId });
      // The challenger's affordable-plan waives the 200.00 CNY of fees; the champion's does not.
      expect(plan.waived.amountMinor).toBe(arm === 'challenger' ? 20000 : 0);
      expect(plan.reasons.some((r) => r.code === 'waiver.fees')).toBe(arm === 'challenger');
    }
  });

  it('schedules follow-ups by the arm’s follow-up policy', async () => {
    const challengerFollowUps = await visitWithHardship(firstOf('challenger'));
    expect(challengerFollowUps.map((f) => f.reason.code)).toContain('review.scheduled');
    expect(challengerFollowUps[0]?.decidedBy).toMatchObject({ policyVersion: 2, arm: 'challenger' });

    const championFollowUps = await visitWithHardship(firstOf('champion'));
    expect(championFollowUps.length).toBeGreaterThan(0);
    expect(championFollowUps.map((f) => f.reason.code)).not.toContain('review.scheduled');
    expect(championFollowUps[0]?.decidedBy).toMatchObject({ policyVersion: 1, arm: 'champion' });
  });

  it('reports cure rate, recovery and promise-kept rate for the three arms with 95% intervals', async () => {
    // Outcomes with a known count per arm: every third case cures (and pays its arrears), every case
    // makes one promise due mid-November, kept by every second case.
    const ids = [...arms.keys()];
    const statements: D1PreparedStatement[] = [];
    ids.forEach((id, i) => {
      if (i % 3 === 0) {
        statements.push(
          env.DB.prepare(`UPDATE cases SET status = 'cured', ended_at = ? WHERE id = ?`).bind(CURED_AT, id),
          env.DB.prepare(
            `INSERT INTO payments (id, tenant_id, account_id, case_id, amount, currency, paid_at, external_ref, received_at)
             VALUES (?, ?, ?, ?, 420000, 'CNY', ?, ?, ?)`,
          ).bind(
            `pay_${id}`,
            f.tenantId,
            id.replace('case_chal_', 'acc_chal_'),
            id,
            CURED_AT,
            `pay_${id}`,
            CURED_AT,
          ),
        );
      }
      statements.push(
        env.DB.prepare(
          `INSERT INTO promises (id, tenant_id, case_id, amount, currency, promised_date, due_at, status, created_at)
           VALUES (?, ?, ?, 50000, 'CNY', '2026-11-14', ?, ?, ?)`,
        ).bind(`ptp_${id}`, f.tenantId, id, CURED_AT, i % 2 === 0 ? 'kept' : 'broken', T0),
      );
    });
    await env.DB.batch(statements);
    const expected = (arm: string) => {
      const inArm = ids.map((id, i) => ({ id, i })).filter(({ id }) => arms.get(id) === arm);
      return {
        cases: inArm.length,
        cured: inArm.filter(({ i }) => i % 3 === 0).length,
        promises: { due: inArm.length, kept: inArm.filter(({ i }) => i % 2 === 0).length },
      };
    };

    // The report reads the effect rollup built for the month end before November: the first request
    // starts the build and answers 503; once the queue has run it, the report answers.
    const path = `/v1/experiments/${experimentId}/effect?from=2026-10-31&to=2026-11-30`;
    expect((await call(f.keys.analyst, 'GET', path)).status).toBe(503);
    await driveRollupRuns(f.tenantId);
    const response = await call(f.keys.analyst, 'GET', path);
    expect(response.status).toBe(200);
    type Arm = {
      cases: number;
      cured: number;
      promises: { due: number; kept: number };
      cureRateInterval: { lower: number; upper: number } | null;
      promiseKeptRateInterval: { lower: number; upper: number } | null;
    };
    type Interval = { estimate: number; lower: number; upper: number };
    const report = await response.json<{
      arms: Record<'holdout' | 'champion' | 'challenger', Arm>;
      challengerVsChampion: {
        cureRateDifference: Interval;
        recoveredPerCaseDifference: Interval;
        promiseKeptRateDifference: Interval;
      };
    }>();
    for (const arm of ['holdout', 'champion', 'challenger'] as const) {
      // The fixture's own two cases (screened before) are enrolled too; count only this test's.
      const got = report.arms[arm];
      const want = expected(arm);
      expect(got.cases, arm).toBeGreaterThanOrEqual(want.cases);
      expect(got.cured, arm).toBe(want.cured);
      expect(got.promises, arm).toEqual(want.promises);
      expect(got.cureRateInterval!.lower).toBeLessThanOrEqual(got.cureRateInterval!.upper);
      expect(got.promiseKeptRateInterval).not.toBeNull();
    }
    const { cureRateDifference, recoveredPerCaseDifference, promiseKeptRateDifference } =
      report.challengerVsChampion;
    for (const interval of [cureRateDifference, recoveredPerCaseDifference, promiseKeptRateDifference]) {
      expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
      expect(interval.estimate).toBeLessThanOrEqual(interval.upper);
    }
  });
});
