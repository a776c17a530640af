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
  type GeoPoint,
  type MidDayReplan,
  type PlanningProposal,
  planVisits,
  toInstant,
} from '@doorstep/core';
import { eq, sql } from 'drizzle-orm';
import { tenants } from '../db/schema';
import type { JobHandler } from '../jobs/handlers';
import { guardedBatch } from '../repositories/audit';
import { coreTenant, idSource } from '../repositories/domain';
import { activeResolved } from '../repositories/policy-sets';
import { announceStatements, dispatchDeliveries } from '../webhooks/outbox';
import {
  agentsOfDay,
  allowedWindowsOfStops,
  type CaseToPlan,
  candidatesOfDay,
  type PlanningContext,
  travelOfDay,
} from './day-input';
import { replanRefusal } from './replan-guard';
import { type PlanVisitRow, replanWrites, teamOf } from './replan-writes';
import {
  findReplan,
  type ReplanChange,
  type ReplanRequest,
  ReplanRequestSchema,
  type ReplanResult,
} from './replans';
import { planningContext } from './solve-job';
import { findPlan, type PlanRequest, type PlanRow } from './visit-plans';

/** The plan's visits read back: a check-in or any write since changes this, and the re-plan waits. */
const fingerprintOf = (rows: readonly PlanVisitRow[]) =>
  `${rows.length}:${rows.reduce((sum, row) => sum + row.version, 0)}`;

const iso = (at: number) => new Date(at).toISOString();

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

  // A planning plugin that ignores the re-plan (plans the day from its start, or keeps an agent past
  // the time they leave) has nothing of its answer applied.
  const why = !decided.ok
    ? `the planning policy failed (${decided.error.code})`
    : replanRefusal(
        decided.value,
        request,
        new Set<string>(progress.map((p) => p.caseId)),
        set.planning?.id ?? '',
      );
  if (!decided.ok || why !== null) {
    const failed = await guardedBatch(
      d1,
      [
        d1
          .prepare(
            `UPDATE visit_plan_replans SET status = 'failed', result = ?, applied_at = ? WHERE id = ? AND status = 'solving'`,
          )
          .bind(JSON.stringify({ failure: why }), now, replanId),
        audit('visit-plan.replan-failed', { why }),
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
        `UPDATE visit_plans SET unassigned = ?,
           stats = json_patch(json_set(stats, '$.workload', json(?)), json_object('allowedWindows', json(?))),
           version = version + 1
         WHERE tenant_id = ? AND id = ?`,
      )
      .bind(
        JSON.stringify(proposal.unplanned),
        JSON.stringify(proposal.workload ?? null),
        JSON.stringify(allowedWindowsOfStops(candidates, proposal)),
        tenantId,
        plan.id,
      ),
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
