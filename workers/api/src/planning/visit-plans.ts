/**
 * Reads what a day's plan needs from D1 and writes what the planning policy decided. The decision is
 * the core's `planVisits` with the tenant's policy set (by default the VRPTW `route-optimised` plugin);
 * the allowed windows are the compliance pack's (`allowedWindowsFor`), so no stop can fall outside them.
 */
import { FIRST_VISIT_PURPOSE, type PlanningProposal, planVisits } from '@doorstep/core';
import { eq } from 'drizzle-orm';
import { tenants } from '../db/schema';
import type { RuntimePorts } from '../ports/runtime';
import { notHeldOutSql } from '../reports/experiments';
import { caseTransitionStatement } from '../repositories/case-status';
import { coreTenant, idSource } from '../repositories/domain';
import { activeResolved } from '../repositories/policy-sets';
import type { OutboundEventRows } from '../webhooks/outbox';
import {
  agentsOfDay,
  allowedWindowsOfStops,
  candidatesOfDay,
  type PlanningContext,
  travelOfDay,
} from './day-input';

export interface PlanRow {
  id: string;
  tenant_id: string;
  date: string;
  region_id: string | null;
  status: string;
  agent_ids: string;
  unassigned: string;
  stats: string;
  version: number;
  created_at: number;
}

interface CandidateRow {
  id: `case_${string}`;
  priority: number | null;
  lat: number;
  lon: number;
  status: string;
  /** A visit the follow-up engine requested for this case (a revisit): planning schedules that one. */
  requested_visit_id: string | null;
}

export async function findPlan(d1: D1Database, tenantId: string, planId: string): Promise<PlanRow | null> {
  return d1
    .prepare('SELECT * FROM visit_plans WHERE tenant_id = ? AND id = ?')
    .bind(tenantId, planId)
    .first<PlanRow>();
}

/** A case the planner may visit: eligible, open, located, with no visit under way, not held out. */
const PLANNABLE = `kase.eligible = 1 AND kase.ended_at IS NULL AND (?2 IS NULL OR kase.region_id = ?2)
  AND customer.lat IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM visits active WHERE active.tenant_id = ?1 AND active.case_id = kase.id
    AND active.status IN ('planned', 'checked_in'))
  AND ${notHeldOutSql('kase.id', '?1')}`;

const FIRST_REQUESTED = `(SELECT first.id FROM visits first WHERE first.tenant_id = ?1 AND first.case_id = kase.id
  AND first.status = 'requested' ORDER BY first.created_at, first.id LIMIT 1)`;

/**
 * The day's candidates, highest priority first: screened cases waiting for a visit (by
 * `cases_tenant_priority_idx`, in priority order, so the LIMIT stops the walk) merged with the cases in
 * follow-up whose policy requested a visit (few; CROSS JOIN starts from `visits_status_idx` instead of
 * walking the tenant's cases). Each carries its oldest requested visit, which the plan then schedules.
 */
const CANDIDATES_SQL = `
  SELECT kase.id, kase.priority, kase.status, customer.lat, customer.lon,
    ${FIRST_REQUESTED} AS requested_visit_id
  FROM cases kase JOIN customers customer ON customer.tenant_id = kase.tenant_id AND customer.id = kase.customer_id
  WHERE kase.tenant_id = ?1 AND kase.status = 'screened' AND ${PLANNABLE}
  UNION ALL
  SELECT kase.id, kase.priority, kase.status, customer.lat, customer.lon, requested.id
  FROM visits requested CROSS JOIN cases kase ON kase.tenant_id = requested.tenant_id AND kase.id = requested.case_id
    JOIN customers customer ON customer.tenant_id = kase.tenant_id AND customer.id = kase.customer_id
  WHERE requested.tenant_id = ?1 AND requested.status = 'requested' AND kase.status <> 'screened'
    AND requested.id = ${FIRST_REQUESTED} AND ${PLANNABLE}
  ORDER BY 2 DESC, 1 LIMIT ?3`;

/** What `POST /v1/visit-plans` asked for, kept in the plan's stats. */
export interface PlanRequest {
  /** Least staff per visit: teams are as large as the pack needs, or this when larger. */
  teamSize: number;
  maxCases: number;
}

/**
 * Solves a plan in `solving` state and writes its visits; a plan already solved is left alone. The
 * planning policy forms the teams from the plan's agents, so their order in the request means nothing.
 * Once the visits are written, `plan.prepare` prepares their dossiers in chunks.
 */
export async function solvePlan(ctx: PlanningContext, jobs: Queue, plan: PlanRow): Promise<void> {
  const { db, d1, ports } = ctx;
  const request = JSON.parse(plan.stats) as PlanRequest;
  const tenantRow = await db.select().from(tenants).where(eq(tenants.id, plan.tenant_id)).get();
  if (!tenantRow) throw new Error(`plan ${plan.id} has no tenant`);
  const tenant = coreTenant(tenantRow);
  const agents = await agentsOfDay(d1, tenant, JSON.parse(plan.agent_ids) as string[], plan.date);
  const capacity = agents.reduce((sum, agent) => sum + agent.maxVisits, 0);
  const { results: rows } = await d1
    .prepare(CANDIDATES_SQL)
    .bind(plan.tenant_id, plan.region_id, Math.min(request.maxCases, capacity * 2))
    .all<CandidateRow>();
  const now = ports.now();
  const { set } = await activeResolved(db, plan.tenant_id);
  // As if the plan were handed out now: a notice period (UK) runs from here.
  const candidates = await candidatesOfDay(ctx, tenant, set, rows, {
    date: plan.date,
    plannedAt: new Date(now).toISOString(),
    minStaff: request.teamSize,
  });
  const travel = await travelOfDay(ctx, {
    tenantId: plan.tenant_id,
    planId: plan.id,
    settings: tenantRow.settings,
    agents,
    candidates,
  });
  const proposal = planVisits(
    set,
    { tenant, date: plan.date, agents, candidates, travel: travel.table },
    { now: new Date(now).toISOString(), ids: idSource(ports) },
  );
  const solved = proposal.ok ? proposal.value : null;
  const stats = {
    ...request,
    workload: solved?.workload ?? null,
    idleAgents: solved?.idleAgents ?? [],
    travel: travel.record,
    allowedWindows: solved ? allowedWindowsOfStops(candidates, solved) : {},
  };
  const candidateOf = new Map(rows.map((candidate) => [candidate.id, candidate]));
  await d1.batch(planWrites(d1, ports, plan, solved, { candidateOf, stats }, now));
  if (solved) await jobs.send({ type: 'plan.prepare', v: 1, tenantId: plan.tenant_id, planId: plan.id });
}

interface PlanWriteContext {
  /** The case as read: its status (a planned case moves to `planned`) and any requested visit. */
  candidateOf: Map<string, CandidateRow>;
  /** The request with what the solve adds: the workload, the idle agents, the travel it measured. */
  stats: Record<string, unknown>;
}

function planWrites(
  d1: D1Database,
  ports: RuntimePorts,
  plan: PlanRow,
  proposal: PlanningProposal | null,
  { candidateOf, stats }: PlanWriteContext,
  now: number,
): D1PreparedStatement[] {
  // Guarded on `solving`: a redelivered message finds the plan solved and writes nothing twice.
  const finish = d1
    .prepare(
      `UPDATE visit_plans SET status = ?, unassigned = ?, stats = ?, version = version + 1
       WHERE tenant_id = ? AND id = ? AND status = 'solving'`,
    )
    .bind(
      proposal ? 'draft' : 'failed',
      JSON.stringify(proposal?.unplanned ?? []),
      JSON.stringify(stats),
      plan.tenant_id,
      plan.id,
    );
  if (!proposal) return [finish];
  const insert = d1.prepare(
    `INSERT INTO visits (id, tenant_id, case_id, plan_id, purpose, dossier, agent_ids, lead_agent_id,
       window_start, window_end, route_order, status, version, created_at, updated_at)
     SELECT ?1, ?2, ?3, ?4, ?5, '{}', ?6, ?7, ?8, ?9, ?10, 'planned', 1, ?11, ?11
     WHERE EXISTS (SELECT 1 FROM visit_plans WHERE id = ?4 AND status = 'solving')`,
  );
  // A requested visit keeps its id and purpose; one cancelled meanwhile (the case cured) stays cancelled.
  const schedule = d1.prepare(
    `UPDATE visits SET plan_id = ?1, agent_ids = ?2, lead_agent_id = ?3, window_start = ?4, window_end = ?5,
       route_order = ?6, status = 'planned', version = version + 1, updated_at = ?7
     WHERE tenant_id = ?8 AND id = ?9 AND status = 'requested'
       AND EXISTS (SELECT 1 FROM visit_plans WHERE id = ?1 AND status = 'solving')`,
  );
  const visits = proposal.routes.flatMap((route) =>
    route.stops.flatMap((stop) => {
      const lead = route.agentIds[0]!;
      const team = JSON.stringify(route.agentIds);
      const window = [Date.parse(stop.window.start), Date.parse(stop.window.end)] as const;
      const candidate = candidateOf.get(stop.caseId);
      const requested = candidate?.requested_visit_id;
      const visit = requested
        ? schedule.bind(plan.id, team, lead, ...window, stop.order, now, plan.tenant_id, requested)
        : insert.bind(
            ports.newId('vis'),
            plan.tenant_id,
            stop.caseId,
            plan.id,
            FIRST_VISIT_PURPOSE,
            team,
            lead,
            ...window,
            stop.order,
            now,
          );
      // A first visit moves its case to `planned` in the same batch, guarded on the status read and on
      // the plan still solving: a duplicate solve that lost the race writes no visit, so it must move no
      // case either. A case in follow-up stays there through its revisit: its accepted plan's checks
      // (a missed instalment breaks it) act on `in_follow_up`.
      const moved =
        candidate?.status === 'screened'
          ? caseTransitionStatement(d1, plan.tenant_id, candidate, 'visit_planned', now, {
              condition: `EXISTS (SELECT 1 FROM visit_plans WHERE id = ?6 AND status = 'solving')`,
              params: [plan.id],
            })
          : null;
      return moved ? [visit, moved] : [visit];
    }),
  );
  return [...visits, finish];
}

/** An epoch-milliseconds column as the events' ISO instant, in SQL. */
const isoSql = (column: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;

/**
 * What publishing a plan announces, read in the publishing batch itself: the plan (`visit_plan.published`)
 * and each of its visits (`visit.scheduled`), two statements however many visits the plan holds.
 */
export function publishedPlanEvents(plan: PlanRow): OutboundEventRows[] {
  const planVisits = `FROM visits v WHERE v.tenant_id = ? AND v.plan_id = ? AND v.status = 'planned'`;
  return [
    {
      type: 'visit_plan.published',
      rows: {
        sql: `SELECT NULL AS case_id, 'visit_plan.published:' || ? AS dedupe_key,
                json_object('planId', ?, 'date', ?, 'regionId', ?, 'agentIds', json(?),
                  'visits', (SELECT count(*) ${planVisits})) AS data`,
        binds: [plan.id, plan.id, plan.date, plan.region_id, plan.agent_ids, plan.tenant_id, plan.id],
      },
    },
    {
      type: 'visit.scheduled',
      rows: {
        sql: `SELECT v.case_id AS case_id, 'visit.scheduled:' || v.id AS dedupe_key,
                json_object('visitId', v.id, 'planId', v.plan_id, 'purpose', v.purpose,
                  'window', CASE WHEN v.window_start IS NULL THEN NULL
                    ELSE json_object('start', ${isoSql('v.window_start')}, 'end', ${isoSql('v.window_end')}) END,
                  'agentIds', json(v.agent_ids)) AS data
              ${planVisits}`,
        binds: [plan.tenant_id, plan.id],
      },
    },
  ];
}
