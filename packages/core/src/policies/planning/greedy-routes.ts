import { z } from 'zod';
import {
  definePlanningPolicy,
  type GeoPoint,
  type PlanningInput,
  type PlanningProposal,
} from '../../contracts/planning';
import { greatCircleMeters } from '../../geo/distance';
import type { AgentId } from '../../ids/ids';
import { compareText } from '../../order/compare';
import { LocalTimeSchema } from '../../time/schemas';
import { toInstant, zonedToInstant } from '../../time/zoned';

const MINUTE_MS = 60_000;

const byAgentId = (a: { agentId: AgentId }, b: { agentId: AgentId }) => compareText(a.agentId, b.agentId);

/**
 * 走访计划: agents work in teams (two by default, as field visits need two staff in China), cases
 * are taken in priority order and appended to the team that can start them earliest inside an
 * allowed window and the working day. Simple, explainable and deterministic; not an optimal router.
 */
export const greedyRoutes = definePlanningPolicy({
  id: 'greedy-routes',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'Teams of agents; cases by priority (then case id) go to the team that can start them ' +
      'earliest within their compliance windows and the working day, travel estimated from distance.',
  },
  reasons: {
    'stop.assigned': 'Priority {priority}; {travelMinutes} min travel; starts {start}',
    'unplanned.staff': 'Needs {needed} staff; teams have at most {teamSize}',
    'unplanned.no-window': 'No allowed window on {date} fits a {minutes}-minute visit in the working day',
    'unplanned.capacity': 'No team has time or capacity left on {date}',
  },
  options: z.object({
    teamSize: z.number().int().min(1).max(4),
    dayStart: LocalTimeSchema,
    dayEnd: LocalTimeSchema,
    speedKmh: z.number().positive(),
    /** Street distance over straight-line distance. */
    detourFactor: z.number().min(1),
  }),
  defaultOptions: { teamSize: 2, dayStart: '09:00', dayEnd: '18:00', speedKmh: 20, detourFactor: 1.4 },
  create: (options, { reason }) => {
    type Proposal = PlanningProposal<Parameters<typeof reason>[0]>;
    interface Team {
      agentIds: AgentId[];
      capacity: number;
      at: GeoPoint;
      freeFrom: number;
      stops: Proposal['routes'][number]['stops'];
    }

    // Great-circle distance; street distance is longer, which `detourFactor` accounts for.
    const travelMs = (a: GeoPoint, b: GeoPoint) =>
      Math.ceil((((greatCircleMeters(a, b) / 1000) * options.detourFactor) / options.speedKmh) * 60) *
      MINUTE_MS;

    /** The earliest start at or after `from` such that the visit fits a window and the day. */
    const earliestStart = (
      windows: PlanningInput['candidates'][number]['windows'],
      from: number,
      durationMs: number,
      dayEnd: number,
    ): number | null => {
      for (const w of windows) {
        const start = Math.max(from, Date.parse(w.start));
        if (start + durationMs <= Math.min(Date.parse(w.end), dayEnd)) return start;
      }
      return null;
    };

    return {
      plan: ({ tenant, date, agents, candidates }) => {
        const dayStart = Date.parse(zonedToInstant(date, options.dayStart, tenant.timeZone));
        const dayEnd = Date.parse(zonedToInstant(date, options.dayEnd, tenant.timeZone));
        const sortedAgents = [...agents].sort(byAgentId);
        const teams: Team[] = [];
        for (let i = 0; i < sortedAgents.length; i += options.teamSize) {
          const members = sortedAgents.slice(i, i + options.teamSize);
          teams.push({
            agentIds: members.map((m) => m.agentId),
            capacity: Math.min(...members.map((m) => m.maxVisits)),
            at: members[0]!.base,
            freeFrom: dayStart,
            stops: [],
          });
        }
        const largestTeam = Math.max(0, ...teams.map((t) => t.agentIds.length));
        const unplanned: Proposal['unplanned'] = [];
        const ordered = [...candidates].sort(
          (a, b) => b.priority - a.priority || compareText(a.caseId, b.caseId),
        );

        for (const candidate of ordered) {
          const { caseId, durationMinutes, staffNeeded, windows } = candidate;
          const durationMs = durationMinutes * MINUTE_MS;
          const unplan = (r: Proposal['unplanned'][number]['reasons'][number]) =>
            unplanned.push({ caseId, reasons: [r] });
          if (staffNeeded > largestTeam) {
            unplan(reason('unplanned.staff', { needed: staffNeeded, teamSize: largestTeam }));
            continue;
          }
          if (earliestStart(windows, dayStart, durationMs, dayEnd) === null) {
            unplan(reason('unplanned.no-window', { date, minutes: durationMinutes }));
            continue;
          }
          let best: { team: Team; start: number; travel: number } | null = null;
          for (const team of teams) {
            if (team.agentIds.length < staffNeeded || team.stops.length >= team.capacity) continue;
            const travel = travelMs(team.at, candidate.location);
            const start = earliestStart(windows, team.freeFrom + travel, durationMs, dayEnd);
            if (start !== null && (best === null || start < best.start)) best = { team, start, travel };
          }
          if (best === null) {
            unplan(reason('unplanned.capacity', { date }));
            continue;
          }
          const { team, start, travel } = best;
          const window = { start: toInstant(start), end: toInstant(start + durationMs) };
          team.stops.push({
            caseId,
            window,
            order: team.stops.length + 1,
            reasons: [
              reason('stop.assigned', {
                priority: candidate.priority,
                travelMinutes: travel / MINUTE_MS,
                start: window.start,
              }),
            ],
          });
          team.at = candidate.location;
          team.freeFrom = start + durationMs;
        }
        return {
          routes: teams
            .filter((t) => t.stops.length > 0)
            .map((t) => ({ agentIds: t.agentIds, stops: t.stops })),
          unplanned,
        };
      },
    };
  },
});
