import { checkSolution } from '@doorstep/vrptw-checker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instance, TimeWindow, Vehicle, Visit } from './model';
import { solve } from './solve';
import { euclideanTravel } from './travel';

const skillSet = fc.subarray(['legal', 'lang:yue', 'lang:en']);

/** Disjoint sorted windows cut from random instants, so a visit gets zero to three windows. */
const windows = fc
  .uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 6 })
  .map((cuts): TimeWindow[] | undefined => {
    if (cuts.length === 0) return undefined;
    const sorted = cuts.sort((a, b) => a - b);
    const pairs: TimeWindow[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) pairs.push([sorted[i]!, sorted[i + 1]!]);
    return pairs;
  });

const instances = fc
  .record({
    points: fc.array(fc.record({ x: fc.integer({ min: 0, max: 60 }), y: fc.integer({ min: 0, max: 60 }) }), {
      minLength: 4,
      maxLength: 14,
    }),
    depots: fc.integer({ min: 1, max: 3 }),
    visits: fc.array(
      fc.record({
        service: fc.integer({ min: 0, max: 20 }),
        demand: fc.integer({ min: 0, max: 6 }),
        windows,
        skills: skillSet,
        minStaff: fc.integer({ min: 1, max: 2 }),
        priority: fc.integer({ min: 1, max: 3 }),
        allowed: fc.option(fc.subarray([0, 1, 2, 3], { minLength: 1 }), { nil: undefined }),
        preferred: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      }),
      { maxLength: 12 },
    ),
    vehicles: fc.array(
      fc.record({
        start: fc.nat(),
        end: fc.nat(),
        shiftStart: fc.integer({ min: 0, max: 100 }),
        shiftLength: fc.integer({ min: 50, max: 300 }),
        capacity: fc.integer({ min: 0, max: 15 }),
        skills: skillSet,
        staff: fc.integer({ min: 1, max: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ points, depots, visits, vehicles }): Instance => {
    const depotCount = Math.min(depots, points.length - 1);
    const customerCount = points.length - depotCount;
    return {
      travel: euclideanTravel(points),
      visits: visits.map(
        ({ allowed, preferred, ...v }, i): Visit => ({
          id: `c${i}`,
          location: depotCount + (i % customerCount),
          ...v,
          ...(allowed ? { vehicles: allowed.filter((k) => k < vehicles.length) } : {}),
          ...(preferred !== undefined && preferred < vehicles.length ? { preferredVehicle: preferred } : {}),
        }),
      ),
      vehicles: vehicles.map(
        (k, i): Vehicle => ({
          id: `k${i}`,
          start: k.start % depotCount,
          end: k.end % depotCount,
          shift: [k.shiftStart, k.shiftStart + k.shiftLength],
          capacity: k.capacity,
          skills: k.skills,
          staff: k.staff,
        }),
      ),
    };
  });

describe('solve on random small instances', () => {
  it('never breaks a constraint, and blames skills only when no agent has them', () => {
    fc.assert(
      fc.property(
        instances,
        fc.integer(),
        fc.constantFrom('distance' as const, 'hierarchical' as const),
        (instance, seed, objective) => {
          const solution = solve(instance, { objective, seed, maxIterations: 40 });
          const report = checkSolution(instance, solution, { tolerance: 1e-6 });
          expect(report.violations).toEqual([]);
          for (const { visit, reason } of solution.unassigned) {
            const v = instance.visits[visit]!;
            const staffed = instance.vehicles.some(
              (k, j) =>
                (k.staff ?? 1) >= (v.minStaff ?? 1) &&
                (v.skills ?? []).every((s) => k.skills?.includes(s)) &&
                (v.vehicles?.includes(j) ?? true),
            );
            expect(reason === 'no-skilled-agent').toBe(!staffed);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('solve with balance, reassignment costs and a plan in force', () => {
  it('never breaks a constraint, from any plan in force, under any weights', () => {
    fc.assert(
      fc.property(
        instances,
        fc.integer(),
        fc.record({
          measure: fc.constantFrom('visits' as const, 'time' as const),
          weight: fc.double({ min: 0, max: 1e6, noNaN: true }),
        }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (instance, seed, balance, reassignmentCost) => {
          const first = solve(instance, { seed, maxIterations: 30 });
          const again = solve(instance, {
            seed,
            maxIterations: 30,
            balance,
            reassignmentCost,
            initial: first.routes.map(({ vehicle, visits }) => ({ vehicle, visits })),
          });
          expect(checkSolution(instance, again, { tolerance: 1e-6 }).violations).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
