import {
  type AgentId,
  FIRST_VISIT_PURPOSE,
  type MidDayReplan,
  type PlanningProposal,
  type Reason,
} from '@doorstep/core';
import type { OutboundEvent } from '@doorstep/follow-up-engine';
import type { RuntimePorts } from '../ports/runtime';
import { caseTransitionStatement } from '../repositories/case-status';
import { type VisitSnapshot, visitReassigned, visitRescheduled, visitUnscheduled } from '../visits/events';
import type { ReplanChange } from './replans';
import type { PlanRow } from './visit-plans';

/** A visit of the plan as the re-plan reads it. */
export interface PlanVisitRow {
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

const ms = Date.parse;
const iso = (at: number) => new Date(at).toISOString();
export const teamOf = (row: PlanVisitRow) => JSON.parse(row.agent_ids) as AgentId[];

/** Why a stop changed, in the planner's words: its first `replan.*` reason. */
const whyOf = (reasons: readonly Reason[], fallback: string) =>
  reasons.find((r) => r.code.startsWith('replan.'))?.message ?? fallback;

/** The statements, events and answer of a re-plan: only what changed is written. */
export function replanWrites(
  d1: D1Database,
  ports: RuntimePorts,
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
