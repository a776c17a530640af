import type {
  AgentId,
  CaseId,
  GeoPoint,
  MidDayReplan,
  PlanningAgent,
  PlanningProposal,
} from '@doorstep/core';
import type { Member, Span } from './teams';

type PreviousRoute = PlanningProposal['routes'][number];
type PreviousStop = PreviousRoute['stops'][number];

/** Where a team's day goes on from: its last check-in, or its base when it has not checked in yet. */
export type RestartPoint =
  | { kind: 'check-in'; caseId: CaseId; at: number; position: GeoPoint }
  | { kind: 'base'; position: GeoPoint };

export interface ContinuingTeam {
  route: PreviousRoute;
  /** Members as they stand at the re-plan: shift from `freeFrom`, visits left, at the restart point. */
  members: Member[];
  /** Stops done or under way, in time order: they stay. */
  fixed: PreviousStop[];
  /** Stops not started, in their order: where the search starts from. */
  rest: PreviousStop[];
  restart: RestartPoint;
  freeFrom: number;
  /** The first member to stop working later in the day. */
  leaves: { agentId: AgentId; at: number } | null;
}

export interface BrokenTeam {
  route: PreviousRoute;
  fixed: PreviousStop[];
  rest: PreviousStop[];
  /**
   * The member whose absence broke it; null when it shared a member with a larger team (a visit given
   * by hand to a team mixing two of the plan's), which keeps that member.
   */
  out: { agentId: AgentId; at: number } | null;
}

export interface DayState {
  continuing: ContinuingTeam[];
  broken: BrokenTeam[];
  /** People free to form new teams: members of broken teams and agents of the day not yet in one. */
  spares: Member[];
  /** Agents who stop working no later than the re-plan. */
  gone: Array<{ agentId: AgentId; at: number }>;
}

const ms = Date.parse;

/**
 * The state of the day at `replan.at`, from the plan in force and what happened since: which teams go
 * on (from their last check-in, no earlier than `at`, until the first member leaves), which broke
 * because a member is gone, and who is free to form new teams.
 */
export function dayState(
  previous: PlanningProposal,
  replan: MidDayReplan,
  agents: readonly PlanningAgent[],
  shiftOf: (agent: PlanningAgent) => Span,
  droppedAgentIds: readonly AgentId[],
): DayState {
  const at = ms(replan.at);
  const progress = new Map(replan.progress.map((p) => [p.caseId as string, p]));
  const agentOf = new Map(agents.map((a) => [a.agentId as string, a]));
  const leavesAt = new Map<string, number>();
  for (const { agentId, from } of replan.unavailable) {
    leavesAt.set(agentId, Math.min(leavesAt.get(agentId) ?? Number.POSITIVE_INFINITY, ms(from)));
  }
  for (const agentId of droppedAgentIds) leavesAt.set(agentId, Number.NEGATIVE_INFINITY);
  const isGone = (agentId: string) => !agentOf.has(agentId) || (leavesAt.get(agentId) ?? Infinity) <= at;

  const state: DayState = { continuing: [], broken: [], spares: [], gone: [] };
  const inRoute = new Set<string>();
  const member = (agent: PlanningAgent, shift: Span, position: GeoPoint, visitsMade: number): Member => ({
    agent: { ...agent, maxVisits: Math.max(0, agent.maxVisits - visitsMade) },
    shift: {
      start: Math.max(shift.start, at),
      end: Math.min(shift.end, leavesAt.get(agent.agentId) ?? Infinity),
    },
    position,
  });

  // A person is in one team: when routes share a member, the route with the most stops keeps them.
  const owner = new Map<string, PreviousRoute>();
  for (const route of [...previous.routes].sort((a, b) => b.stops.length - a.stops.length)) {
    if (route.agentIds.some((id) => owner.has(id))) continue;
    for (const id of route.agentIds) owner.set(id, route);
  }
  for (const route of previous.routes) {
    for (const id of route.agentIds) inRoute.add(id);
    const stops = [...route.stops].sort((a, b) => a.order - b.order);
    const fixed = stops
      .filter((s) => progress.has(s.caseId))
      .sort((a, b) => ms(a.window.start) - ms(b.window.start));
    const rest = stops.filter((s) => !progress.has(s.caseId));
    const outId = route.agentIds.find(isGone);
    const dissolved = route.agentIds.some((id) => owner.get(id) !== route);
    if (outId !== undefined) {
      state.broken.push({ route, fixed, rest, out: { agentId: outId, at: leavesAt.get(outId) ?? at } });
    } else if (dissolved) {
      state.broken.push({ route, fixed, rest, out: null });
    }
    const lead = agentOf.get(route.agentIds[0]!);
    const restart = restartOf(fixed, progress, lead?.base ?? { lat: 0, lon: 0 });
    // Busy until the last visit kept ends: its check-in plus its planned length, else its planned end.
    const busyUntil = Math.max(
      Number.NEGATIVE_INFINITY,
      ...fixed.map((stop) => {
        const checkIn = progress.get(stop.caseId)?.checkIn;
        const length = ms(stop.window.end) - ms(stop.window.start);
        return checkIn ? ms(checkIn.at) + length : ms(stop.window.end);
      }),
    );
    const present = route.agentIds
      .filter((id) => !isGone(id) && (owner.get(id) === route || !owner.has(id)))
      .map((id) => agentOf.get(id)!);
    const members = present.map((agent) => {
      const m = member(agent, shiftOf(agent), restart.position, fixed.length);
      return { ...m, shift: { ...m.shift, start: Math.max(m.shift.start, busyUntil) } };
    });
    if (outId !== undefined || dissolved) {
      state.spares.push(...members);
      continue;
    }
    const freeFrom = Math.max(...members.map((m) => m.shift.start));
    const leaving = route.agentIds
      .map((agentId) => ({ agentId, at: leavesAt.get(agentId) ?? Infinity }))
      .filter((l) => Number.isFinite(l.at))
      .sort((a, b) => a.at - b.at)[0];
    state.continuing.push({ route, members, fixed, rest, restart, freeFrom, leaves: leaving ?? null });
  }
  for (const agent of agents) {
    if (isGone(agent.agentId)) state.gone.push({ agentId: agent.agentId, at: leavesAt.get(agent.agentId)! });
    else if (!inRoute.has(agent.agentId)) state.spares.push(member(agent, shiftOf(agent), agent.base, 0));
  }
  return state;
}

function restartOf(
  fixed: readonly PreviousStop[],
  progress: ReadonlyMap<string, MidDayReplan['progress'][number]>,
  base: GeoPoint,
): RestartPoint {
  let last: RestartPoint = { kind: 'base', position: base };
  for (const stop of fixed) {
    const checkIn = progress.get(stop.caseId)?.checkIn;
    if (checkIn && (last.kind === 'base' || ms(checkIn.at) >= last.at)) {
      last = { kind: 'check-in', caseId: stop.caseId, at: ms(checkIn.at), position: checkIn.position };
    }
  }
  return last;
}
