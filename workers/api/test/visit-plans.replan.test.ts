/**
 * The Must-show of a day in the field: a CN plan of six agents (teamed up by the planner) is solved,
 * prepared and published; by 10:00 each team has checked in at its first visits; then one agent drops
 * out at 10:00, a visit is called off and an urgent case comes in, and the day is re-planned on the
 * queue. Judged apart from the planner: what was done or under way stays, the dropped agent goes
 * nowhere, every team starts again from its last check-in, every re-planned stop passes the
 * independent VRPTW checker (teams of people, windows, shifts, travel from where each team was) and
 * the compliance pack itself, and every move is announced.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { type AgentId, toInstant } from '@doorstep/core';
import { haversineTable, placeKey } from '@doorstep/planning';
import { type CheckInstance, type CheckSolution, checkSolution } from '@doorstep/vrptw-checker';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowedWindowsFor, tenantCompliance } from '../src/compliance/enforce';
import { loadVisitFacts } from '../src/compliance/visit-query';
import { database } from '../src/db/client';
import worker from '../src/index';
import type { JobMessage } from '../src/jobs/messages';
import { atServerTime } from './fixtures/clock';
import { overdueCustomerRows } from './fixtures/overdue-customers';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { insertRows } from './follow-ups.fixtures';

const DATE = '2026-12-09';
/** Local hour h in Shanghai on DATE (UTC+8). */
const local = (h: number) => Date.UTC(2026, 11, 9) + (h - 8) * 3_600_000;
const TEN = local(10);
const VISIT_MS = 45 * 60_000;
const AGENTS = Array.from({ length: 6 }, (_, i) => `agt_rpl_${i + 1}`);
const CASES = Array.from({ length: 14 }, (_, i) => `case_rpl_${String(i).padStart(2, '0')}`);
const URGENT = 'case_rpl_urgent';
const SENIOR = new Set(AGENTS.filter((_, i) => i % 2 === 0));
const place = (i: number) => ({ lat: 22.52 + (i % 5) * 0.008, lon: 114.02 + Math.floor(i / 5) * 0.012 });

let f: FixtureTenant;

interface Plan {
  id: string;
  status: string;
  version: number;
  routes: {
    leadAgentId: string;
    stops: {
      visitId: string;
      caseId: string;
      window: { start: string; end: string };
      allowedWindows: { start: string; end: string }[] | null;
      agentIds: string[];
      preparedAt: string | null;
    }[];
  }[];
  workload: {
    balanced: string;
    teams: { agentIds: string[] }[];
    spread: { visits: number; minutes: number };
  } | null;
  preparation: { prepared: number; total: number };
}
interface Replan {
  id: string;
  status: string;
  changes: {
    caseId: string;
    visitId: string | null;
    change: string;
    reasons: { code: string; message: string }[];
  }[];
  teams: { agentIds: string[]; reasons: { code: string; message: string }[] }[];
}
interface VisitRow {
  id: string;
  case_id: string;
  agent_ids: string;
  window_start: number;
  window_end: number;
  status: string;
  checked_in_at: number | null;
  check_in_lat: number | null;
  check_in_lon: number | null;
  purpose: string;
  dossier: string;
}

async function runJob(body: JobMessage) {
  const batch = createMessageBatch('doorstep-jobs', [
    { id: `${body.type}-${Math.random()}`, timestamp: new Date(), attempts: 1, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([]);
}

const visitsOf = async (planId: string) =>
  (
    await env.DB.prepare(
      'SELECT * FROM visits WHERE tenant_id = ? AND (plan_id = ? OR case_id = ?) ORDER BY id',
    )
      .bind(f.tenantId, planId, URGENT)
      .all<VisitRow>()
  ).results;

async function seed() {
  const db = env.DB;
  await db.batch([
    ...insertRows(
      db,
      'agents',
      AGENTS.map((id, i) => ({
        id,
        tenant_id: f.tenantId,
        name: id,
        home_lat: 22.53 + i * 0.004,
        home_lon: 114.03 + i * 0.004,
        shift_start: '08:30',
        shift_end: '18:00',
        languages: '["zh"]',
        seniority: i % 2 === 0 ? 'senior' : 'junior',
        daily_capacity: 5,
        created_at: 0,
        updated_at: 0,
      })),
    ),
    ...overdueCustomerRows(
      db,
      f.tenantId,
      [...CASES, URGENT].map((caseId, i) => ({
        customerId: caseId.replace('case_', 'cus_'),
        accountId: caseId.replace('case_', 'acc_'),
        caseId,
        ...place(i),
        // The urgent case waits with the lowest priority: only its urgency can put it on today.
        case: caseId === URGENT ? { eligible: 0, priority: 1 } : { priority: 90 - i },
      })),
    ),
  ]);
}

let plan: Plan;
let morning: VisitRow[];
let replan: Replan;
let after: VisitRow[];
let dropped: string;
let cancelled: string;
let fixed: Map<string, VisitRow>;
let replanAt: number;

beforeAll(async () => {
  f = await createFixtureTenant('rpl');
  await seed();
  // The bank wants a senior in every team, and its days evened out by visits.
  const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
    body: {
      reason: 'senior in every team, fair days',
      document: {
        version: 'field-day',
        screening: [{ id: 'weighted-risk' }],
        compliance: [],
        preparation: { id: 'standard-dossier' },
        planning: {
          id: 'route-optimised',
          options: { seniorityMix: 'senior-in-every-team', balance: 'visits' },
        },
        repayment: { id: 'affordable-plan' },
        followUp: { id: 'willingness-ability' },
      },
    },
  });
  expect(activated.status).toBe(201);
  const created = await call(f.keys.supervisor, 'POST', '/v1/visit-plans', {
    body: { date: DATE, regionId: 'reg_futian', agentIds: AGENTS },
  });
  const { id } = await created.json<{ id: string }>();
  await runJob({ type: 'plan.solve', v: 1, tenantId: f.tenantId, planId: id });
  await runJob({ type: 'plan.prepare', v: 1, tenantId: f.tenantId, planId: id });
  await call(f.keys.supervisor, 'POST', `/v1/visit-plans/${id}/publish`);
  plan = await (await call(f.keys.supervisor, 'GET', `/v1/visit-plans/${id}`)).json<Plan>();

  // By 10:00 every team checked in at the door of each visit that began: done if it ended, else under way.
  for (const stop of plan.routes.flatMap((r) => r.stops).filter((s) => Date.parse(s.window.start) < TEN)) {
    const at = Date.parse(stop.window.start) + 60_000;
    const door = place(CASES.indexOf(stop.caseId));
    const etag = (await call(f.keys.supervisor, 'GET', `/v1/visits/${stop.visitId}`)).headers.get('ETag')!;
    const checkIn = await atServerTime(at + 20_000, () =>
      call(f.keys.supervisor, 'POST', `/v1/visits/${stop.visitId}/check-in`, {
        body: { at: new Date(at).toISOString(), lat: door.lat + 0.0003, lon: door.lon },
        headers: { 'If-Match': etag },
      }),
    );
    expect(checkIn.status).toBe(200);
    if (Date.parse(stop.window.end) <= TEN)
      await env.DB.prepare(`UPDATE visits SET status = 'completed', version = version + 1 WHERE id = ?`)
        .bind(stop.visitId)
        .run();
  }
  morning = await visitsOf(id);
  fixed = new Map(
    morning.filter((v) => v.status === 'checked_in' || v.status === 'completed').map((v) => [v.case_id, v]),
  );

  // The team with the most still to do loses an agent at 10:00; another team's visit is called off.
  const remaining = (r: Plan['routes'][number]) => r.stops.filter((s) => !fixed.has(s.caseId)).length;
  const [busiest, other] = [...plan.routes].sort((a, b) => remaining(b) - remaining(a));
  dropped = busiest!.stops[0]!.agentIds[1]!;
  cancelled = other!.stops.find((s) => !fixed.has(s.caseId))!.visitId;
  const etag = (await call(f.keys.supervisor, 'GET', `/v1/visit-plans/${id}`)).headers.get('ETag')!;
  const requested = await call(f.keys.supervisor, 'POST', `/v1/visit-plans/${id}/replan`, {
    body: {
      at: new Date(TEN).toISOString(),
      unavailableAgents: [{ agentId: dropped, from: new Date(TEN).toISOString() }],
      urgentCaseIds: [URGENT],
      cancelledVisits: [{ visitId: cancelled, reason: 'customer_request', customerNotified: true }],
    },
    headers: { 'If-Match': etag },
  });
  expect(requested.status).toBe(202);
  const { id: replanId } = await requested.json<Replan>();
  expect(requested.headers.get('Location')).toBe(`/v1/visit-plans/${id}/replans/${replanId}`);
  const busy = await call(f.keys.supervisor, 'POST', `/v1/visit-plans/${id}/replan`, {
    body: {},
    headers: { 'If-Match': requested.headers.get('ETag')! },
  });
  expect(busy.status).toBe(409);
  replanAt = Date.now();
  await runJob({ type: 'plan.replan', v: 1, tenantId: f.tenantId, planId: id, replanId });
  replan = await (
    await call(f.keys.analyst, 'GET', `/v1/visit-plans/${id}/replans/${replanId}`)
  ).json<Replan>();
  after = await visitsOf(id);
});

describe('a plan’s preparation and teams', () => {
  it('the planner paired the six agents into teams of two with a senior each, evened out, and prepared every visit', () => {
    expect(plan.workload?.teams.map((t) => t.agentIds.length)).toEqual([2, 2, 2]);
    for (const team of plan.workload!.teams)
      expect(team.agentIds.filter((id) => SENIOR.has(id))).toHaveLength(1);
    expect(plan.workload?.balanced).toBe('visits');
    expect(plan.workload!.spread.visits).toBeLessThanOrEqual(1);
    expect(plan.preparation.prepared).toBe(plan.preparation.total);
    for (const v of morning.filter((row) => row.case_id !== URGENT)) {
      const snapshot = JSON.parse(v.dossier) as { suggestedPurpose: string; dossier: { caseId: string } };
      expect(snapshot.dossier.caseId).toBe(v.case_id);
      expect(v.purpose).toBe(snapshot.suggestedPurpose);
    }
  });
});

describe('re-planning at 10:00 after an agent drops out', () => {
  it('is applied, and what was done or under way stays exactly where it was', () => {
    expect(replan.status).toBe('applied');
    expect(fixed.size).toBeGreaterThan(0);
    for (const [caseId, was] of fixed) {
      const now = after.find((v) => v.id === was.id)!;
      expect([now.status, now.agent_ids, now.window_start, now.window_end]).toEqual([
        was.status,
        was.agent_ids,
        was.window_start,
        was.window_end,
      ]);
      expect(replan.changes.find((c) => c.caseId === caseId)?.change).toBe('kept');
    }
  });

  it('sends the dropped agent nowhere, and says of each of their cases where it went and why', () => {
    const coming = after.filter((v) => v.status === 'planned');
    expect(coming.some((v) => (JSON.parse(v.agent_ids) as string[]).includes(dropped))).toBe(false);
    const theirs = morning.filter(
      (v) => v.status === 'planned' && v.agent_ids.includes(dropped) && v.id !== cancelled,
    );
    expect(theirs.length).toBeGreaterThan(0);
    for (const v of theirs) {
      const change = replan.changes.find((c) => c.visitId === v.id)!;
      expect(['moved', 'unscheduled']).toContain(change.change);
      if (change.change === 'moved')
        expect(change.reasons.map((r) => r.message).join(' | ')).toContain(
          `${dropped} is unavailable from 10:00`,
        );
    }
  });

  it('calls off the cancelled visit and plans the urgent case', () => {
    expect(after.find((v) => v.id === cancelled)).toMatchObject({ status: 'cancelled' });
    const urgent = replan.changes.find((c) => c.caseId === URGENT)!;
    expect(urgent.change).toBe('added');
    expect(urgent.reasons.map((r) => r.code)).toContain('replan.urgent');
    expect(after.find((v) => v.case_id === URGENT)?.status).toBe('planned');
  });

  it('shows every stop against its allowed windows: the re-planned ones’ new, the fixed ones’ first', async () => {
    const day = await (await call(f.keys.supervisor, 'GET', `/v1/visit-plans/${plan.id}`)).json<Plan>();
    const stops = day.routes.flatMap((route) => route.stops);
    const allowedBefore = new Map(
      plan.routes.flatMap((r) => r.stops).map((s) => [s.caseId, s.allowedWindows]),
    );
    expect(stops.some((stop) => stop.caseId === URGENT)).toBe(true);
    for (const stop of stops) {
      const within = (w: { start: string; end: string }) =>
        Date.parse(w.start) <= Date.parse(stop.window.start) &&
        Date.parse(stop.window.end) <= Date.parse(w.end);
      expect(stop.allowedWindows?.some(within), stop.caseId).toBe(true);
      if (fixed.has(stop.caseId)) expect(stop.allowedWindows).toEqual(allowedBefore.get(stop.caseId));
    }
  });

  it('announces every move: reassigned, rescheduled, unscheduled, cancelled', async () => {
    const events = (
      await env.DB.prepare(`SELECT type, data FROM outbound_events WHERE tenant_id = ?`)
        .bind(f.tenantId)
        .all<{ type: string; data: string }>()
    ).results.map((e) => ({ type: e.type, visitId: (JSON.parse(e.data) as { visitId: string }).visitId }));
    for (const change of replan.changes) {
      if (change.change === 'moved')
        expect(events).toContainEqual({ type: 'visit.reassigned', visitId: change.visitId });
      if (change.change === 'unscheduled')
        expect(events).toContainEqual({ type: 'visit.unscheduled', visitId: change.visitId });
    }
    expect(events).toContainEqual({ type: 'visit.cancelled', visitId: cancelled });
  });

  it('starts every team again from its last check-in, and every re-planned stop passes the VRPTW checker', async () => {
    const db = database(env.DB);
    const agentRows = (
      await env.DB.prepare(
        `SELECT id, home_lat, home_lon, shift_start, shift_end, languages, skills, seniority FROM agents WHERE tenant_id = ?`,
      )
        .bind(f.tenantId)
        .all<{
          id: string;
          home_lat: number;
          home_lon: number;
          languages: string;
          skills: string;
          seniority: 'junior' | 'senior';
        }>()
    ).results;
    const agentOf = new Map(agentRows.map((a) => [a.id, a]));
    const coming = after.filter((v) => v.status === 'planned');
    const caseIds = coming.map((v) => v.case_id);
    const windows = await allowedWindowsFor(db, f.tenantId, caseIds, DATE, new Date(replanAt).toISOString());
    const byTeam = new Map<string, VisitRow[]>();
    for (const v of coming) byTeam.set(v.agent_ids, [...(byTeam.get(v.agent_ids) ?? []), v]);
    const teams = [...byTeam.keys()];
    // Where each team was: its last check-in of the day (position, and busy until that visit ends).
    const startOf = (team: string) => {
      const checkIns = after
        .filter((v) => v.agent_ids === team && v.checked_in_at !== null)
        .sort((a, b) => a.checked_in_at! - b.checked_in_at!);
      const last = checkIns.at(-1);
      const lead = agentOf.get((JSON.parse(team) as string[])[0]!)!;
      return last
        ? {
            at: Math.max(TEN, last.checked_in_at! + (last.window_end - last.window_start)),
            position: { lat: last.check_in_lat!, lon: last.check_in_lon! },
          }
        : { at: TEN, position: { lat: lead.home_lat, lon: lead.home_lon } };
    };
    const starts = teams.map(startOf);
    const points = [
      ...starts.map((s) => s.position),
      ...agentRows.map((a) => ({ lat: a.home_lat, lon: a.home_lon })),
      ...caseIds.map((id) => place(id === URGENT ? CASES.length : CASES.indexOf(id))),
    ];
    const table = haversineTable(points, { default: { speedKmh: 20, detourFactor: 1.4 } });
    const n = table.points.length;
    const index = new Map(table.points.map((p, i) => [placeKey(p), i]));
    const at = (p: { lat: number; lon: number }) => index.get(placeKey(p))!;
    const seconds = (ms: number) => (ms - TEN) / 1000;
    const instance: CheckInstance = {
      travel: {
        size: n,
        distance: (i, j) => table.meters[i * n + j]!,
        duration: (i, j) => table.seconds[i * n + j]!,
      },
      visits: coming.map((v) => {
        const p = place(v.case_id === URGENT ? CASES.length : CASES.indexOf(v.case_id));
        return {
          id: v.id,
          location: at(p),
          service: VISIT_MS / 1000,
          demand: 1,
          windows: (windows.get(v.case_id)?.windows ?? []).map(
            (w) => [seconds(Date.parse(w.start)), seconds(Date.parse(w.end) - VISIT_MS)] as const,
          ),
          minStaff: windows.get(v.case_id)?.staffNeeded ?? 1,
          language: 'zh',
        };
      }),
      vehicles: teams.map((team, k) => {
        const members = (JSON.parse(team) as string[]).map((id) => agentOf.get(id)!);
        const lead = members[0]!;
        return {
          id: team,
          start: at(starts[k]!.position),
          end: at({ lat: lead.home_lat, lon: lead.home_lon }),
          shift: [seconds(Math.max(starts[k]!.at, local(8.5))), seconds(local(18))] as const,
          capacity: 5,
          members: members.map((m) => ({
            id: m.id,
            languages: JSON.parse(m.languages) as string[],
            skills: JSON.parse(m.skills) as string[],
            seniority: m.seniority,
          })),
        };
      }),
    };
    const solution: CheckSolution = {
      routes: teams.map((team, vehicle) => {
        const stops = byTeam.get(team)!.sort((a, b) => a.window_start - b.window_start);
        return {
          vehicle,
          visits: stops.map((s) => coming.indexOf(s)),
          starts: stops.map((s) => seconds(s.window_start)),
        };
      }),
    };
    const report = checkSolution(instance, solution, { tolerance: 1, seniorInEveryTeam: true });
    expect(report.violations).toEqual([]);
    expect(solution.routes.flatMap((r) => r.visits).length).toBeGreaterThan(5);
    // The answer says where each team went on from.
    const fromCheckIn = replan.teams.filter((t) => t.reasons.some((r) => r.code === 'replan.start-check-in'));
    expect(fromCheckIn.length).toBeGreaterThan(0);
  });

  it('plans no re-planned stop the compliance pack forbids, judged on its own interval and team', async () => {
    const db = database(env.DB);
    for (const v of after.filter((row) => row.status === 'planned')) {
      const facts = await loadVisitFacts(db, f.tenantId, v.case_id, v.id);
      const { compliance } = tenantCompliance(facts!);
      const staff = (JSON.parse(v.agent_ids) as AgentId[]).map((agentId) => ({ agentId }));
      const interval = { start: toInstant(v.window_start), end: toInstant(v.window_end) };
      const judged = { ...facts!.query, staff, interval };
      const { windows, vetoes } = compliance.assessVisit({ ...judged, stage: 'planning' });
      expect(vetoes).toEqual([]);
      expect(windows).toEqual([interval]);
      expect(compliance.assessCheckIn(judged, interval.start, [])).toMatchObject({ allowed: true });
    }
  });

  it('changes nothing more when its message comes again', async () => {
    const replanId = replan.id;
    await runJob({ type: 'plan.replan', v: 1, tenantId: f.tenantId, planId: plan.id, replanId });
    expect(await visitsOf(plan.id)).toEqual(after);
  });
});

describe('a planning policy that does not re-plan mid-day', () => {
  it('leaves the day as it is and says why the re-plan failed', async () => {
    const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: {
        reason: 'try the greedy planner',
        document: {
          version: 'greedy',
          screening: [{ id: 'weighted-risk' }],
          compliance: [],
          preparation: { id: 'standard-dossier' },
          planning: { id: 'greedy-routes' },
          repayment: { id: 'affordable-plan' },
          followUp: { id: 'willingness-ability' },
        },
      },
    });
    expect(activated.status).toBe(201);
    const before = await visitsOf(plan.id);
    const etag = (await call(f.keys.supervisor, 'GET', `/v1/visit-plans/${plan.id}`)).headers.get('ETag')!;
    const requested = await call(f.keys.supervisor, 'POST', `/v1/visit-plans/${plan.id}/replan`, {
      body: { at: new Date(local(11)).toISOString() },
      headers: { 'If-Match': etag },
    });
    const { id } = await requested.json<Replan>();
    await runJob({ type: 'plan.replan', v: 1, tenantId: f.tenantId, planId: plan.id, replanId: id });
    const failed = await (
      await call(f.keys.supervisor, 'GET', `/v1/visit-plans/${plan.id}/replans/${id}`)
    ).json<Replan & { failure: string }>();
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/^the planning policy greedy-routes does not re-plan mid-day/);
    expect(await visitsOf(plan.id)).toEqual(before);
  });
});
