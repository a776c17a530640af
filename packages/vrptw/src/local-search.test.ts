import { checkSolution } from '@doorstep/vrptw-checker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestRelocation, bestTailExchange, descend } from './local-search';
import type { Instance, TimeWindow } from './model';
import { emptyPlan, type Plan, refresh } from './plan';
import { compile, type Problem } from './problem';
import { euclideanTravel } from './travel';

/**
 * Small instances where moves matter: three identical vehicles (tails are traded only between
 * interchangeable vehicles) and a fourth with another depot, capacity and skills; visits with zero to
 * two windows. Routes are dealt out at random, so there is usually something to improve.
 */
const cases = fc
  .record({
    points: fc.array(fc.record({ x: fc.integer({ min: 0, max: 50 }), y: fc.integer({ min: 0, max: 50 }) }), {
      minLength: 10,
      maxLength: 14,
    }),
    visits: fc.array(
      fc.record({
        service: fc.integer({ min: 0, max: 10 }),
        demand: fc.integer({ min: 0, max: 5 }),
        windows: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 2, maxLength: 4 }), {
          nil: undefined,
        }),
        skilled: fc.boolean(),
        route: fc.nat(3),
      }),
      { minLength: 6, maxLength: 12 },
    ),
  })
  .map(({ points, visits }) => {
    const instance: Instance = {
      travel: euclideanTravel(points),
      visits: visits.map((v, i) => ({
        id: `c${i}`,
        location: 2 + (i % (points.length - 2)),
        service: v.service,
        demand: v.demand,
        windows: v.windows && pairs(v.windows),
        skills: v.skilled ? ['legal'] : [],
      })),
      vehicles: [
        ...[0, 1, 2].map((k) => ({ id: `k${k}`, start: 0, end: 0, shift: [0, 500] as const, capacity: 15 })),
        { id: 'k3', start: 1, end: 1, shift: [50, 450] as const, capacity: 10, skills: ['legal'] },
      ],
    };
    return { instance, deal: visits.map((v) => v.route) };
  });

function pairs(cuts: number[]): TimeWindow[] {
  const sorted = cuts.sort((a, b) => a - b);
  const windows: TimeWindow[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) windows.push([sorted[i]!, sorted[i + 1]!]);
  return windows;
}

/** The dealt routes, leaving out what does not fit (skills, capacity, then the schedule drops the late). */
function dealtPlan(p: Problem, deal: readonly number[]): Plan {
  const plan = emptyPlan(p);
  const load = new Float64Array(p.vehicleCount);
  deal.forEach((r, v) => {
    if (p.compatible[v * p.vehicleCount + r] && load[r]! + p.demand[v]! <= p.capacity[r]!) {
      plan.routes[r]!.visits.push(v);
      load[r]! += p.demand[v]!;
    } else {
      plan.unassigned.push(v);
    }
  });
  plan.routes.forEach((_, r) => {
    refresh(p, plan, r);
  });
  return plan;
}

type Routes = readonly (readonly number[])[];

/** The checker's verdict: the total distance of the routes, or null when they break a constraint. */
function judge(instance: Instance, routes: Routes): number | null {
  const routed = new Set(routes.flat());
  const report = checkSolution(instance, {
    routes: routes.flatMap((visits, vehicle) => (visits.length > 0 ? [{ vehicle, visits }] : [])),
    unassigned: instance.visits.flatMap((_, visit) => (routed.has(visit) ? [] : [{ visit }])),
  });
  return report.valid ? report.distance : null;
}

/** Largest saving over all candidate plans, each judged by the checker alone. */
function bestSaving(instance: Instance, routes: Routes, candidates: Iterable<Routes>): number {
  const before = judge(instance, routes)!;
  let best = 0;
  for (const candidate of candidates) {
    const after = judge(instance, candidate);
    if (after !== null) best = Math.max(best, before - after);
  }
  return best;
}

function* tailExchanges(routes: Routes, sameClass: (a: number, b: number) => boolean): Iterable<Routes> {
  for (let a = 0; a < routes.length; a++) {
    for (let b = a + 1; b < routes.length; b++) {
      const ra = routes[a]!;
      const rb = routes[b]!;
      if (ra.length === 0 || rb.length === 0 || !sameClass(a, b)) continue;
      for (let i = 0; i <= ra.length; i++) {
        for (let j = 0; j <= rb.length; j++) {
          const next = routes.slice();
          next[a] = [...ra.slice(0, i), ...rb.slice(j)];
          next[b] = [...rb.slice(0, j), ...ra.slice(i)];
          yield next;
        }
      }
    }
  }
}

function* relocations(routes: Routes): Iterable<Routes> {
  for (let a = 0; a < routes.length; a++) {
    const ra = routes[a]!;
    for (let length = 1; length <= 3; length++) {
      for (let i = 0; i + length <= ra.length; i++) {
        const segment = ra.slice(i, i + length);
        for (let b = 0; b < routes.length; b++) {
          const rb = routes[b]!;
          if (b === a || rb.length === 0) continue;
          for (let j = 0; j <= rb.length; j++) {
            for (const moved of [segment, segment.slice().reverse()]) {
              const next = routes.slice();
              next[a] = [...ra.slice(0, i), ...ra.slice(i + length)];
              next[b] = [...rb.slice(0, j), ...moved, ...rb.slice(j)];
              yield next;
            }
          }
        }
      }
    }
  }
}

const visitsOf = (plan: Plan): Routes => plan.routes.map((route) => route.visits.slice());

describe('local search moves against brute force judged by the checker', () => {
  it('2-opt* finds the best tail exchange between interchangeable vehicles and applies it validly', () => {
    fc.assert(
      fc.property(cases, ({ instance, deal }) => {
        const p = compile(instance);
        const plan = dealtPlan(p, deal);
        const before = visitsOf(plan);
        const expected = bestSaving(
          instance,
          before,
          tailExchanges(before, (a, b) => p.vehicleClass[a] === p.vehicleClass[b]),
        );
        const saving = bestTailExchange(p, plan);
        expect(saving).toBeCloseTo(expected, 6);
        expect(judge(instance, visitsOf(plan))).toBeCloseTo(judge(instance, before)! - saving, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('relocation finds the best move of a segment of up to three visits, either way round', () => {
    fc.assert(
      fc.property(cases, ({ instance, deal }) => {
        const p = compile(instance);
        const plan = dealtPlan(p, deal);
        const before = visitsOf(plan);
        const expected = bestSaving(instance, before, relocations(before));
        const saving = bestRelocation(p, plan);
        expect(saving).toBeCloseTo(expected, 6);
        expect(judge(instance, visitsOf(plan))).toBeCloseTo(judge(instance, before)! - saving, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('descends to a valid plan that serves the same visits, and no single move improves it further', () => {
    fc.assert(
      fc.property(cases, ({ instance, deal }) => {
        const p = compile(instance);
        const plan = dealtPlan(p, deal);
        const before = visitsOf(plan);
        const saving = descend(p, plan);
        const after = visitsOf(plan);
        expect(judge(instance, after)).toBeCloseTo(judge(instance, before)! - saving, 6);
        expect(after.flat().sort()).toEqual(before.flat().sort());
        expect(bestTailExchange(p, plan) + bestRelocation(p, plan)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});
