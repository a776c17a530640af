import { checkSolution } from '@doorstep/vrptw-checker';
import { describe, expect, it } from 'vitest';
import { type CityAgent, type CityDayPlan, type CityVisit, cityDayInstance, planCityDay } from './city-day';
import { syntheticCityDay } from './testing/city';

/** Maps a plan back to solver indices and asks the independent checker. */
function expectValid(plan: CityDayPlan, visits: readonly CityVisit[], agents: readonly CityAgent[]): void {
  const { instance } = cityDayInstance(visits, agents);
  const visitIndex = new Map(visits.map((v, i) => [v.id, i]));
  const report = checkSolution(instance, {
    routes: plan.routes.map((route) => ({
      vehicle: agents.findIndex((agent) => agent.id === route.agentId),
      visits: route.stops.map((stop) => visitIndex.get(stop.visitId)!),
    })),
    unassigned: plan.unassigned.map(({ visitId }) => ({ visit: visitIndex.get(visitId)! })),
  });
  expect(report.violations).toEqual([]);
  for (const route of plan.routes) {
    for (const stop of route.stops) {
      const visit = visits[visitIndex.get(stop.visitId)!]!;
      expect(visit.allowed.some((w) => w.start <= stop.start && stop.end <= w.end + 1e-3)).toBe(true);
      expect(stop.arrival).toBeLessThanOrEqual(stop.start + 1e-3);
    }
  }
}

describe('planCityDay', () => {
  const { visits, agents } = syntheticCityDay(40, 6, 11);

  it('plans visits inside their allowed hours and explains the ones left out', () => {
    const lastShiftEnd = Math.max(...agents.map((agent) => agent.shift.end));
    const unusual: CityVisit[] = [
      { ...visits[0]!, id: 'french', language: 'fr' },
      {
        ...visits[1]!,
        id: 'at-night',
        allowed: [{ start: lastShiftEnd + 3_600_000, end: lastShiftEnd + 7_200_000 }],
      },
    ];
    const all = [...visits, ...unusual];
    const plan = planCityDay(all, agents, { seed: 2, maxIterations: 300 });
    expectValid(plan, all, agents);
    expect(plan.unassigned).toEqual(
      expect.arrayContaining([
        { visitId: 'french', reason: 'no-skilled-agent' },
        { visitId: 'at-night', reason: 'no-feasible-window' },
      ]),
    );
    expect(plan.routes.length).toBeGreaterThan(0);
  });

  it('re-plans from the plan in force: a dropped agent’s visits move, fewer of the others’ with stickiness', () => {
    const before = planCityDay(visits, agents, { seed: 2, maxIterations: 300 });
    const dropped = before.routes[0]!.agentId;
    const remaining = agents.filter((agent) => agent.id !== dropped);
    const agentOf = new Map(
      before.routes.flatMap((r) => r.stops.map((s) => [s.visitId, r.agentId] as const)),
    );
    const sticky = visits.map((visit) => {
      const agentId = agentOf.get(visit.id);
      return agentId === undefined ? visit : { ...visit, preferredAgentId: agentId };
    });
    const replanned = (reassignmentMeters: number) => {
      const after = planCityDay(sticky, remaining, {
        seed: 2,
        maxIterations: 300,
        initial: before.routes.map((r) => ({ agentId: r.agentId, visitIds: r.stops.map((s) => s.visitId) })),
        reassignmentMeters,
      });
      expectValid(after, sticky, remaining);
      expect(after.routes.map((route) => route.agentId)).not.toContain(dropped);
      const moved = after.routes.flatMap((r) =>
        r.stops.filter((s) => {
          const was = agentOf.get(s.visitId);
          return was !== undefined && was !== dropped && was !== r.agentId;
        }),
      );
      return { served: after.routes.flatMap((r) => r.stops).length, moved: moved.length };
    };
    const loose = replanned(0);
    const kept = replanned(20_000);
    expect(kept.moved).toBeLessThan(loose.moved);
    expect(kept.served).toBe(loose.served);
  });

  it('gives a visit only to the agents it allows', () => {
    const only = agents.slice(0, 2).map((agent) => agent.id);
    const restricted = visits.map((visit) => ({ ...visit, agentIds: only }));
    const plan = planCityDay(restricted, agents, { seed: 3, maxIterations: 200 });
    expectValid(plan, restricted, agents);
    expect(plan.routes.every((route) => only.includes(route.agentId))).toBe(true);
  });

  it('evens out the agents’ days when asked', () => {
    // Few visits for six agents: the shortest plan leaves some agents idle and others full.
    const day = syntheticCityDay(24, 6, 5);
    const spread = (plan: CityDayPlan) => {
      const counts = day.agents.map((a) => plan.routes.find((r) => r.agentId === a.id)?.stops.length ?? 0);
      return Math.max(...counts) - Math.min(...counts);
    };
    const plain = planCityDay(day.visits, day.agents, { seed: 4, maxIterations: 1500 });
    expect(spread(plain)).toBeGreaterThan(4);
    for (const balance of [
      { measure: 'visits', metersPerUnit: 5000 },
      { measure: 'minutes', metersPerUnit: 300 },
    ] as const) {
      const fair = planCityDay(day.visits, day.agents, { seed: 4, maxIterations: 1500, balance });
      expectValid(fair, day.visits, day.agents);
      expect(fair.unassigned.length).toBeLessThanOrEqual(plain.unassigned.length);
      expect(spread(fair)).toBeLessThanOrEqual(2);
    }
  });
});
