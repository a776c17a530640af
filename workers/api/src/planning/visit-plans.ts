/**
 * Reads what a day's plan needs from D1 and writes what the planning policy decided. The decision is
 * the core's `planVisits` with the tenant's policy set (by default the VRPTW `route-optimised` plugin);
 * the allowed windows are the compliance pack's (`allowedWindowsFor`), so no stop can fall outside them.
 */
import {
  FIRST_VISIT_PURPOSE,
  type Interval,
  type PlanningProposal,
  planVisits,
  zonedToInstant,
} from '@doorstep/core';
import { eq } from 'drizzle-orm';
import { allowedWindowsFor } from '../compliance/enforce';
import type { Database } from '../db/client';
import { tenants } from '../db/schema';
import type { RuntimePorts } from '../ports/runtime';
import { notHeldOutSql } from '../reports/experiments';
import { caseTransitionStatement } from '../repositories/case-status';
import { coreTenant, idSource } from '../repositories/domain';
import { activeResolved } from '../repositories/policy-sets';
import type { OutboundEventRows } from '../webhooks/outbox';

export interface PlanRow {
  id: string;
  tenant_id: string;
  date: string;
  region_id: string | null;
  status: string;
  agent_ids: string;
  unassigned: string;
  stats: string;
}

// D1 ids already carry the core's prefixes; the template types say so, they convert nothing.
interface AgentRow {
  id: `agt_${string}`;
  home_lat: number;
  home_lon: number;
  shift_start: string;
  shift_end: string;
  skills: string;
  languages: string;
  daily_capacity: number;
}

interface CandidateRow {
  id: `case_${string}`;
  priority: number | null;
  lat: number;
  lon: number;
  language: string | null;
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

/**
 * Teams of `teamSize` agents, in the order given: the first of each team leads and its home base is
 * where the route starts; the team's shift is the overlap of its members' shifts.
 */
function teamsOf(agents: AgentRow[], teamSize: number) {
  const teams: AgentRow[][] = [];
  for (let i = 0; i + teamSize <= agents.length; i += teamSize) teams.push(agents.slice(i, i + teamSize));
  return teams;
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
  SELECT kase.id, kase.priority, kase.status, customer.lat, customer.lon, customer.language,
    ${FIRST_REQUESTED} AS requested_visit_id
  FROM cases kase JOIN customers customer ON customer.tenant_id = kase.tenant_id AND customer.id = kase.customer_id
  WHERE kase.tenant_id = ?1 AND kase.status = 'screened' AND ${PLANNABLE}
  UNION ALL
  SELECT kase.id, kase.priority, kase.status, customer.lat, customer.lon, customer.language, requested.id
  FROM visits requested CROSS JOIN cases kase ON kase.tenant_id = requested.tenant_id AND kase.id = requested.case_id
    JOIN customers customer ON customer.tenant_id = kase.tenant_id AND customer.id = kase.customer_id
  WHERE requested.tenant_id = ?1 AND requested.status = 'requested' AND kase.status <> 'screened'
    AND requested.id = ${FIRST_REQUESTED} AND ${PLANNABLE}
  ORDER BY 2 DESC, 1 LIMIT ?3`;

/** Solves a plan in `solving` state and writes its visits; a plan already solved is left alone. */
export async function solvePlan(
  db: Database,
  d1: D1Database,
  ports: RuntimePorts,
  plan: PlanRow,
): Promise<void> {
  const stats = JSON.parse(plan.stats) as { teamSize: number; maxCases: number };
  const agentIds = JSON.parse(plan.agent_ids) as string[];
  const [tenantRow, agentRows] = await Promise.all([
    db.select().from(tenants).where(eq(tenants.id, plan.tenant_id)).get(),
    d1
      .prepare(
        `SELECT id, home_lat, home_lon, shift_start, shift_end, skills, languages, daily_capacity FROM agents
         WHERE tenant_id = ? AND active = 1 AND id IN (SELECT value FROM json_each(?))`,
      )
      .bind(plan.tenant_id, plan.agent_ids)
      .all<AgentRow>(),
  ]);
  if (!tenantRow) throw new Error(`plan ${plan.id} has no tenant`);
  const tenant = coreTenant(tenantRow);
  const byId = new Map<string, AgentRow>(agentRows.results.map((row) => [row.id, row]));
  const teams = teamsOf(
    agentIds.flatMap((id) => byId.get(id) ?? []),
    stats.teamSize,
  );
  const capacity = teams.reduce(
    (sum, team) => sum + Math.min(...team.map((agent) => agent.daily_capacity)),
    0,
  );
  const { results: candidates } = await d1
    .prepare(CANDIDATES_SQL)
    .bind(plan.tenant_id, plan.region_id, Math.min(stats.maxCases, capacity * 2))
    .all<CandidateRow>();
  const now = ports.now();
  // As if the plan were handed out now: a notice period (UK) runs from here.
  const windows = await allowedWindowsFor(
    db,
    plan.tenant_id,
    candidates.map((c) => c.id),
    plan.date,
    new Date(now).toISOString(),
  );
  const zone = tenant.timeZone;
  const at = (time: string) => zonedToInstant(plan.date, time, zone);
  const proposal = planVisits(
    (await activeResolved(db, plan.tenant_id)).set,
    {
      tenant,
      date: plan.date,
      agents: teams.map((team) => {
        const lead = team[0]!;
        const shift: Interval = {
          start: team
            .map((a) => at(a.shift_start))
            .sort()
            .at(-1)!,
          end: team.map((a) => at(a.shift_end)).sort()[0]!,
        };
        return {
          agentId: lead.id,
          base: { lat: lead.home_lat, lon: lead.home_lon },
          maxVisits: Math.min(...team.map((a) => a.daily_capacity)),
          shift,
          staff: team.length,
          languages: [...new Set(team.flatMap((a) => JSON.parse(a.languages) as string[]))],
          skills: [...new Set(team.flatMap((a) => JSON.parse(a.skills) as string[]))],
        };
      }),
      candidates: candidates.map((c) => ({
        caseId: c.id,
        priority: c.priority ?? 0,
        location: { lat: c.lat, lon: c.lon },
        windows: windows.get(c.id)?.windows ?? [],
        // 0 = the planning policy's own default visit length (`defaultServiceMinutes`).
        durationMinutes: 0,
        // Teams are as large as the plan asked; a pack that needs more (CN minStaff) leaves the case
        // unplanned with the reason, rather than planning a visit check-in would refuse.
        staffNeeded: Math.max(stats.teamSize, windows.get(c.id)?.staffNeeded ?? 1),
        ...(c.language ? { language: c.language } : {}),
      })),
    },
    { now: new Date(now).toISOString(), ids: idSource(ports) },
  );
  const teamOf = new Map(teams.map((team) => [team[0]!.id, team.map((a) => a.id)]));
  const candidateOf = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  await d1.batch(
    planWrites(d1, ports, plan, proposal.ok ? proposal.value : null, { teamOf, candidateOf }, now),
  );
}

interface PlanWriteContext {
  /** Every member of a team, by its lead (the agent the planner routed). */
  teamOf: Map<string, string[]>;
  /** The case as read: its status (a planned case moves to `planned`) and any requested visit. */
  candidateOf: Map<string, CandidateRow>;
}

function planWrites(
  d1: D1Database,
  ports: RuntimePorts,
  plan: PlanRow,
  proposal: PlanningProposal | null,
  { teamOf, candidateOf }: PlanWriteContext,
  now: number,
): D1PreparedStatement[] {
  // Guarded on `solving`: a redelivered message finds the plan solved and writes nothing twice.
  const finish = d1
    .prepare(
      `UPDATE visit_plans SET status = ?, unassigned = ?, version = version + 1
       WHERE tenant_id = ? AND id = ? AND status = 'solving'`,
    )
    .bind(proposal ? 'draft' : 'failed', JSON.stringify(proposal?.unplanned ?? []), plan.tenant_id, plan.id);
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
      const team = JSON.stringify(teamOf.get(lead) ?? route.agentIds);
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
