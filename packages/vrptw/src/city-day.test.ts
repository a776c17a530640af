import { checkSolution } from '@doorstep/vrptw-checker';
import { describe, expect, it } from 'vitest';
import {
  type CityAgent,
  type CityDayPlan,
  type CityVisit,
  cityDayInstance,
  planCityDay,
  replan,
} from './city-day';
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

  it('replans without the dropped agents and only adds to the others', () => {
    const before = planCityDay(visits, agents, { seed: 2, maxIterations: 300 });
    const dropped = before.routes.slice(0, 2).map((route) => route.agentId);
    const remaining = agents.filter((agent) => !dropped.includes(agent.id));
    const after = replan(before, visits, agents, dropped);
    expectValid(after, visits, remaining);
    expect(after.routes.map((route) => route.agentId)).not.toEqual(expect.arrayContaining(dropped));
    for (const old of before.routes.filter((route) => !dropped.includes(route.agentId))) {
      const kept = after.routes.find((route) => route.agentId === old.agentId)!;
      const order = kept.stops.map((stop) => stop.visitId);
      const positions = old.stops.map((stop) => order.indexOf(stop.visitId));
      expect(positions.every((at, i) => at >= 0 && (i === 0 || at > positions[i - 1]!))).toBe(true);
    }
  });
});
