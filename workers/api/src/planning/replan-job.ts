/**
 * Re-plans a day in progress, on the queue like the first solve. The day as it stands is read from D1
 * (visits done, under way, still to come; check-ins; the agents), the planning policy re-solves it from
 * where each team is (`PlanningInput.replan`), and what changed is written in one guarded batch: visits
 * moved to another team or time (announced as `visit.reassigned` / `visit.rescheduled`), urgent cases
 * added, visits taken off the day (`visit.unscheduled`, back to `requested` for a later plan), and the
 * re-plan's answer of what moved and why.
 */
import {
  type AgentId,
  type CaseId,
  FIRST_VISIT_PURPOSE,
  type GeoPoint,
  type MidDayReplan,
  type PlanningProposal,
  planVisits,
  type Reason,
  toInstant,
} from '@doorstep/core';
import type { OutboundEvent } from '@doorstep/follow-up-engine';
import { eq, sql } from 'drizzle-orm';
import { tenants } from '../db/schema';
import type { JobHandler } from '../jobs/handlers';
import { guardedBatch } from '../repositories/audit';
import { caseTransitionStatement } from '../repositories/case-status';
import { coreTenant, idSource } from '../repositories/domain';
import { activeResolved } from '../repositories/policy-sets';
import { type VisitSnapshot, visitReassigned, visitRescheduled, visitUnscheduled } from '../visits/events';
import { announceStatements, dispatchDeliveries } from '../webhooks/outbox';
import {
  agentsOfDay,
  type CaseToPlan,
  candidatesOfDay,
  type PlanningContext,
  travelOfDay,
} from './day-input';
import {
  findReplan,
  type ReplanChange,
  type ReplanRequest,
  ReplanRequestSchema,
  type ReplanResult,
} from './replans';
import { planningContext } from './solve-job';
import { findPlan, type PlanRequest, type PlanRow } from './visit-plans';

interface PlanVisitRow {
  id: string;
  case_id: string;
  agent_ids: string;
  window_start: number | null;
  window_end: number | null;
  route_order: number | null;
  status: string;
  checked_in_at: number | null;
  check_in_lat: number | null;
  check_in_lon: number | null;
  version: number;
}

/** The plan's visits read back: a check-in or any write since changes this, and the re-plan waits. */
const fingerprintOf = (rows: readonly PlanVisitRow[]) =>
  `${rows.length}:${rows.reduce((sum, row) => sum + row.version, 0)}`;

const ms = Date.parse;
const iso = (at: number) => new Date(at).toISOString();
const teamOf = (row: PlanVisitRow) => JSON.parse(row.agent_ids) as AgentId[];

/** The plan in force as the planner takes it, and the progress of the day, from the plan's visits. */
function dayOf(rows: readonly PlanVisitRow[]): {
  previous: PlanningProposal;
  progress: MidDayReplan['progress'];
} {
  const onTheDay = rows
    .filter((row) => ['planned', 'checked_in', 'completed'].includes(row.status) && row.window_start !== null)
    .sort((a, b) => a.window_start! - b.window_start! || (a.route_order ?? 0) - (b.route_order ?? 0));
  const routes = new Map<string, PlanningProposal['routes'][number]>();
  for (const row of onTheDay) {
    const key = row.agent_ids;
    const route = routes.get(key) ?? { agentIds: teamOf(row), stops: [] };
    route.stops.push({
      caseId: row.case_id as CaseId,
      window: { start: toInstant(row.window_start!), end: toInstant(row.window_end ?? row.window_start!) },
      order: route.stops.length + 1,
      reasons: [],
    });
    routes.set(key, route);
  }
  const progress = onTheDay.flatMap((row): MidDayReplan['progress'] => {
    if (row.status === 'planned') return [];
    const position: GeoPoint | null =
      row.check_in_lat === null || row.check_in_lon === null
        ? null
        : { lat: row.check_in_lat, lon: row.check_in_lon };
    return [
      {
        caseId: row.case_id as CaseId,
        state: row.status === 'completed' ? 'done' : 'under-way',
        checkIn:
          row.checked_in_at !== null && position ? { at: toInstant(row.checked_in_at), position } : null,
      },
    ];
  });
  return { previous: { routes: [...routes.values()], unplanned: [] }, progress };
}

const CASES_SQL = `SELECT kase.id, kase.priority, customer.lat, customer.lon, kase.status
  FROM cases kase JOIN customers customer ON customer.tenant_id = kase.tenant_id AND customer.id = kase.customer_id
  WHERE kase.tenant_id = ?1 AND kase.id IN (SELECT value FROM json_each(?2)) AND customer.lat IS NOT NULL`;

/** Why a stop changed, in the planner's words: its first `replan.*` reason. */
const whyOf = (reasons: readonly Reason[], fallback: string) =>
  reasons.find((r) => r.code.startsWith('replan.'))?.message ?? fallback;

export const handlePlanReplan: JobHandler<'plan.replan'> = async (job, context) => {
  const ctx = planningContext(context);
  const [replan, plan] = await Promise.all([
    findReplan(ctx.d1, job.tenantId, job.planId, job.replanId),
    findPlan(ctx.d1, job.tenantId, job.planId),
  ]);
  if (replan?.status !== 'solving' || !plan) return { kind: 'done' };
  const asked = ReplanRequestSchema.parse(JSON.parse(replan.request));
  // A message re-sent after a stall re-plans from now: nothing may be planned in the past.
  const request = { ...asked, at: Math.max(asked.at, context.ports.now()) };
  const outcome = await replanDay(ctx, plan, replan.id, request);
  if (outcome === 'day-moved') return { kind: 'retry', delaySeconds: 2 };
  if (outcome.added > 0)
    await context.env.JOBS.send({ type: 'plan.prepare', v: 1, tenantId: job.tenantId, planId: job.planId });
  await dispatchDeliveries(context.env.JOBS, job.tenantId, outcome.results, outcome.deliveries);
  return { kind: 'done' };
};

async function replanDay(
  ctx: PlanningContext,
  plan: PlanRow,
  replanId: string,
  request: ReplanRequest,
): Promise<'day-moved' | { results: D1Result[]; deliveries: number[]; added: number }> {
  const { db, d1, ports } = ctx;
  const tenantId = plan.tenant_id;
  const [tenantRow, { results: rows }, { set }] = await Promise.all([
    db.select().from(tenants).where(eq(tenants.id, tenantId)).get(),
    d1
      .prepare(
        `SELECT id, case_id, agent_ids, window_start, window_end, route_order, status, checked_in_at,
           check_in_lat, check_in_lon, version
         FROM visits WHERE tenant_id = ? AND plan_id = ? ORDER BY id`,
      )
      .bind(tenantId, plan.id)
      .all<PlanVisitRow>(),
    activeResolved(db, tenantId),
  ]);
  if (!tenantRow) throw new Error(`plan ${plan.id} has no tenant`);
  const tenant = coreTenant(tenantRow);
  const planRequest = JSON.parse(plan.stats) as PlanRequest;
  const { previous, progress } = dayOf(rows);
  const pending = rows.filter((row) => row.status === 'planned');
  const caseIds = [...new Set([...pending.map((row) => row.case_id), ...request.urgentCaseIds])];
  const teamIds = rows.flatMap(teamOf);
  const [agents, { results: caseRows }] = await Promise.all([
    agentsOfDay(
      d1,
      tenant,
      [...new Set([...(JSON.parse(plan.agent_ids) as string[]), ...teamIds])],
      plan.date,
    ),
    d1.prepare(CASES_SQL).bind(tenantId, JSON.stringify(caseIds)).all<CaseToPlan & { status: string }>(),
  ]);
  const now = ports.now();
  const candidates = await candidatesOfDay(ctx, tenant, set, caseRows, {
    date: plan.date,
    plannedAt: iso(now),
    minStaff: planRequest.teamSize,
  });
  const travel = await travelOfDay(ctx, {
    tenantId,
    planId: plan.id,
    settings: tenantRow.settings,
    agents,
    candidates,
    positions: progress.flatMap((p) => (p.checkIn ? [p.checkIn.position] : [])),
  });
  const decided = planVisits(
    set,
    {
      tenant,
      date: plan.date,
      agents,
      candidates,
      travel: travel.table,
      previous,
      replan: {
        at: toInstant(request.at),
        progress,
        unavailable: request.unavailable.map((u) => ({
          agentId: u.agentId as AgentId,
          from: toInstant(u.from),
        })),
        urgentCaseIds: request.urgentCaseIds as CaseId[],
      },
    },
    { now: iso(now), ids: idSource(ports) },
  );

  const replanSolving = sql`EXISTS (SELECT 1 FROM visit_plan_replans WHERE tenant_id = ${tenantId} AND id = ${replanId} AND status = 'solving')`;
  const dayUnchanged = sql`(SELECT count(*) || ':' || coalesce(sum(version), 0) FROM visits WHERE tenant_id = ${tenantId} AND plan_id = ${plan.id}) = ${fingerprintOf(rows)}`;
  const holds = sql`${replanSolving} AND ${dayUnchanged}`;
  const audit = (action: string, data: Record<string, unknown>) =>
    d1
      .prepare(
        `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
         VALUES (?, ?, ?, NULL, 'system', ?, 'visit_plan', ?, ?)`,
      )
      .bind(ports.newId('aud'), tenantId, now, action, plan.id, JSON.stringify({ replanId, ...data }));

  if (!decided.ok) {
    const failed = await guardedBatch(
      d1,
      [
        d1
          .prepare(
            `UPDATE visit_plan_replans SET status = 'failed', applied_at = ? WHERE id = ? AND status = 'solving'`,
          )
          .bind(now, replanId),
        audit('visit-plan.replan-failed', { policyId: decided.error.code }),
      ],
      { holds: replanSolving },
    );
    return failed.committed ? { results: [], deliveries: [], added: 0 } : 'day-moved';
  }
  const proposal = decided.value;
  const writes = replanWrites(d1, ports, { plan, replanId, rows, caseRows, proposal, progress, now });
  const result: ReplanResult = {
    changes: writes.changes,
    teams: proposal.routes.map((route) => ({ agentIds: route.agentIds, reasons: route.reasons ?? [] })),
    idleAgents: proposal.idleAgents ?? [],
    workload: proposal.workload ?? null,
    travel: travel.record,
  };
  const count = (change: ReplanChange['change']) => writes.changes.filter((c) => c.change === change).length;
  const announced = announceStatements(d1, ports, {
    tenantId,
    sourceId: replanId,
    events: writes.events,
    now,
    guard: {
      sql: `EXISTS (SELECT 1 FROM visit_plan_replans WHERE tenant_id = ? AND id = ? AND status = 'solving')`,
      binds: [tenantId, replanId],
    },
  });
  const statements = [
    ...writes.statements,
    ...announced.statements,
    d1
      .prepare(
        `UPDATE visit_plans SET unassigned = ?, stats = json_set(stats, '$.workload', json(?)), version = version + 1
         WHERE tenant_id = ? AND id = ?`,
      )
      .bind(JSON.stringify(proposal.unplanned), JSON.stringify(proposal.workload ?? null), tenantId, plan.id),
    audit('visit-plan.replanned', {
      kept: count('kept'),
      moved: count('moved'),
      shifted: count('shifted'),
      added: count('added'),
      unscheduled: count('unscheduled'),
    }),
    d1
      .prepare(
        `UPDATE visit_plan_replans SET status = 'applied', result = ?, applied_at = ? WHERE id = ? AND status = 'solving'`,
      )
      .bind(JSON.stringify(result), now, replanId),
  ];
  const outcome = await guardedBatch(d1, statements, { holds });
  if (!outcome.committed) return 'day-moved';
  const offset = writes.statements.length;
  return {
    results: outcome.results,
    deliveries: announced.deliveryStatementIndexes.map((i) => i + offset),
    added: count('added'),
  };
}

/** The statements, events and answer of a re-plan: only what changed is written. */
function replanWrites(
  d1: D1Database,
  ports: PlanningContext['ports'],
  input: {
    plan: PlanRow;
    replanId: string;
    rows: readonly PlanVisitRow[];
    caseRows: ReadonlyArray<{ id: string; status: string }>;
    proposal: PlanningProposal;
    progress: MidDayReplan['progress'];
    now: number;
  },
): { statements: D1PreparedStatement[]; events: OutboundEvent[]; changes: ReplanChange[] } {
  const { plan, proposal, now } = input;
  const tenantId = plan.tenant_id;
  const fixed = new Set<string>(input.progress.map((p) => p.caseId));
  const planned = new Map(input.rows.filter((r) => r.status === 'planned').map((r) => [r.case_id, r]));
  const onDay = new Map(
    input.rows.filter((r) => fixed.has(r.case_id) && r.status !== 'cancelled').map((r) => [r.case_id, r]),
  );
  const statusOf = new Map(input.caseRows.map((c) => [c.id, c.status]));
  const statements: D1PreparedStatement[] = [];
  const events: OutboundEvent[] = [];
  const changes: ReplanChange[] = [];
  const slotOf = (row: PlanVisitRow) =>
    row.window_start === null
      ? null
      : {
          agentIds: teamOf(row),
          start: iso(row.window_start),
          end: iso(row.window_end ?? row.window_start),
          order: row.route_order ?? 0,
        };
  const snapshot = (row: PlanVisitRow): VisitSnapshot => ({
    id: row.id,
    caseId: row.case_id,
    agentIds: teamOf(row),
    windowStart: row.window_start,
    windowEnd: row.window_end,
  });
  const at = (hhmm: number) => `Re-planned at ${iso(hhmm)}`;

  for (const route of proposal.routes) {
    const team = JSON.stringify(route.agentIds);
    for (const stop of route.stops) {
      const to = {
        agentIds: route.agentIds,
        start: stop.window.start,
        end: stop.window.end,
        order: stop.order,
      };
      const kept = onDay.get(stop.caseId);
      if (kept) {
        changes.push({
          caseId: stop.caseId,
          visitId: kept.id,
          change: 'kept',
          from: slotOf(kept),
          to,
          reasons: stop.reasons,
        });
        continue;
      }
      const window = [ms(stop.window.start), ms(stop.window.end)] as const;
      const row = planned.get(stop.caseId);
      if (!row) {
        // An urgent case: a new visit, prepared by the next `plan.prepare`.
        const visitId = ports.newId('vis');
        statements.push(
          d1
            .prepare(
              `INSERT INTO visits (id, tenant_id, case_id, plan_id, purpose, dossier, agent_ids, lead_agent_id,
                 window_start, window_end, route_order, status, version, created_at, updated_at)
               VALUES (?1, ?2, ?3, ?4, ?5, '{}', ?6, ?7, ?8, ?9, ?10, 'planned', 1, ?11, ?11)`,
            )
            .bind(
              visitId,
              tenantId,
              stop.caseId,
              plan.id,
              FIRST_VISIT_PURPOSE,
              team,
              route.agentIds[0]!,
              ...window,
              stop.order,
              now,
            ),
        );
        const status = statusOf.get(stop.caseId);
        const moved =
          status === 'screened'
            ? caseTransitionStatement(d1, tenantId, { id: stop.caseId, status }, 'visit_planned', now)
            : null;
        if (moved) statements.push(moved);
        changes.push({
          caseId: stop.caseId,
          visitId,
          change: 'added',
          from: null,
          to,
          reasons: stop.reasons,
        });
        continue;
      }
      planned.delete(stop.caseId);
      const teamChanged = row.agent_ids !== team;
      const timeChanged = row.window_start !== window[0] || row.window_end !== window[1];
      const change = teamChanged
        ? 'moved'
        : timeChanged || row.route_order !== stop.order
          ? 'shifted'
          : 'unchanged';
      changes.push({
        caseId: stop.caseId,
        visitId: row.id,
        change,
        from: slotOf(row),
        to,
        reasons: stop.reasons,
      });
      if (change === 'unchanged') continue;
      statements.push(
        d1
          .prepare(
            `UPDATE visits SET agent_ids = ?1, lead_agent_id = ?2, window_start = ?3, window_end = ?4, route_order = ?5,
               version = version + 1, updated_at = ?6
             WHERE tenant_id = ?7 AND id = ?8 AND version = ?9 AND status = 'planned'`,
          )
          .bind(team, route.agentIds[0]!, ...window, stop.order, now, tenantId, row.id, row.version),
      );
      const why = whyOf(stop.reasons, at(now));
      if (teamChanged) events.push(visitReassigned(snapshot(row), route.agentIds, why));
      if (timeChanged)
        events.push(visitRescheduled(snapshot(row), { start: window[0], end: window[1] }, why));
    }
  }
  for (const u of proposal.unplanned) {
    const row = planned.get(u.caseId);
    if (!row) {
      changes.push({
        caseId: u.caseId,
        visitId: null,
        change: 'unplanned',
        from: null,
        to: null,
        reasons: u.reasons,
      });
      continue;
    }
    planned.delete(u.caseId);
    statements.push(
      d1
        .prepare(
          `UPDATE visits SET status = 'requested', plan_id = NULL, agent_ids = '[]', lead_agent_id = NULL,
             window_start = NULL, window_end = NULL, route_order = NULL, version = version + 1, updated_at = ?1
           WHERE tenant_id = ?2 AND id = ?3 AND version = ?4 AND status = 'planned'`,
        )
        .bind(now, tenantId, row.id, row.version),
    );
    events.push(visitUnscheduled(snapshot(row), u.reasons[0]?.message ?? at(now)));
    changes.push({
      caseId: u.caseId,
      visitId: row.id,
      change: 'unscheduled',
      from: slotOf(row),
      to: null,
      reasons: u.reasons,
    });
  }
  return { statements, events, changes };
}
