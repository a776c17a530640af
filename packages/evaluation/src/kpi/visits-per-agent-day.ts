import { type KpiDefinition, type KpiResult, perUnit } from './kpi';
import { assertWindow, type DateWindow, type IsoDate, isWithin, type VisitRow } from './rows';

export const visitsPerAgentDay: KpiDefinition<'visits-per-agent-day'> = {
  id: 'visits-per-agent-day',
  title: 'Visits per agent-day',
  numerator: 'visits made on planned field days, counted once for each agent on the visit',
  denominator: 'agent-days: distinct (agent, date) pairs with at least one visit planned',
  window: {
    kind: 'activity',
    rule:
      'A visit belongs to its planned date. A two-person visit counts for both agents, so a pair making six ' +
      'visits in a day scores 6 per agent-day; this keeps per-agent figures adding up to the total.',
  },
  unit: 'per-agent-day',
  groupBy: ['period', 'region', 'agency', 'agent'],
};

/** One agent on one planned field day. */
export interface AgentDay {
  agentId: string;
  date: IsoDate;
  visitsMade: number;
}

export function agentDays(visits: readonly VisitRow[], window: DateWindow): AgentDay[] {
  assertWindow(window);
  const days = new Map<string, AgentDay>();
  for (const visit of visits) {
    if (!isWithin(visit.plannedOn, window)) continue;
    for (const agentId of new Set(visit.agentIds)) {
      const key = `${agentId}\u0000${visit.plannedOn}`;
      const day = days.get(key) ?? { agentId, date: visit.plannedOn, visitsMade: 0 };
      if (visit.visitedOn !== null) day.visitsMade += 1;
      days.set(key, day);
    }
  }
  return [...days.values()];
}

export interface AgentDayAggregate {
  agentDays: number;
  agentVisits: number;
}

export function aggregateAgentDays(days: readonly AgentDay[]): AgentDayAggregate {
  return { agentDays: days.length, agentVisits: days.reduce((sum, day) => sum + day.visitsMade, 0) };
}

export function visitsPerAgentDayOf(aggregate: AgentDayAggregate): KpiResult<'visits-per-agent-day'> {
  return perUnit(visitsPerAgentDay.id, aggregate.agentVisits, aggregate.agentDays);
}
