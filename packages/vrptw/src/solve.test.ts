import { checkSolution } from '@doorstep/vrptw-checker';
import { describe, expect, it } from 'vitest';
import type { Instance, Objective } from './model';
import { parseSolomon } from './solomon';
import { solve } from './solve';
import { solomon25 } from './testing/solomon25';
import { matrixTravel } from './travel';

// Distance-only optima of the 25-customer versions (distances truncated to one decimal, so slightly
// below the double-precision optimum).
const optimum = { C101: 191.3, R101: 617.1, RC105: 411.3 } as const;

describe('solve on Solomon 25-customer instances', () => {
  const cases = (Object.keys(optimum) as (keyof typeof optimum)[]).flatMap((name) =>
    (['distance', 'hierarchical'] as Objective[]).map((objective) => ({ name, objective })),
  );

  it.each(cases)('$name, $objective: valid and within 3% of the optimum', ({ name, objective }) => {
    const instance = parseSolomon(solomon25[name]);
    const solution = solve(instance, { objective, seed: 7, maxIterations: 2000 });
    const report = checkSolution(instance, solution, { requireAll: true });
    expect(report.violations).toEqual([]);
    expect(report.distance).toBeCloseTo(solution.distance, 6);
    expect(solution.distance).toBeLessThan(optimum[name] * 1.03);
  });

  it('is deterministic for a seed and an iteration count', () => {
    const instance = parseSolomon(solomon25.R101);
    const run = () => solve(instance, { seed: 3, maxIterations: 500 });
    expect(run()).toEqual(run());
  });

  it('uses no more vehicles under the hierarchical objective', () => {
    const instance = parseSolomon(solomon25.R101);
    const byDistance = solve(instance, { objective: 'distance', seed: 1, maxIterations: 2000 });
    const byVehicles = solve(instance, { objective: 'hierarchical', seed: 1, maxIterations: 2000 });
    expect(byVehicles.vehicles).toBeLessThanOrEqual(byDistance.vehicles);
  });
});

// Locations on a line 10 apart: 0 is the branch, 1..4 customers, 5 an agent's home.
const line = [0, 10, 20, 30, 40, 50];
const travel = matrixTravel(
  line.length,
  line.flatMap((a) => line.map((b) => Math.abs(a - b))),
);

function solveSmall(instance: Instance) {
  const solution = solve(instance, { seed: 1, maxIterations: 300 });
  const report = checkSolution(instance, solution);
  expect(report.violations).toEqual([]);
  return solution;
}

describe('solve with field-visit constraints', () => {
  it('sends a two-person team with the language to the visit that needs both', () => {
    const solution = solveSmall({
      travel,
      visits: [
        { id: 'a', location: 1, service: 5, demand: 1, skills: ['lang:yue'], minStaff: 2 },
        { id: 'b', location: 2, service: 5, demand: 1 },
      ],
      vehicles: [
        { id: 'solo', start: 0, end: 0, shift: [0, 100], capacity: 5, skills: ['lang:yue'] },
        { id: 'pair-en', start: 0, end: 0, shift: [0, 100], capacity: 5, staff: 2 },
        { id: 'pair-yue', start: 5, end: 5, shift: [0, 200], capacity: 5, staff: 2, skills: ['lang:yue'] },
      ],
    });
    const routeOfA = solution.routes.find((route) => route.visits.includes(0));
    expect(routeOfA?.vehicle).toBe(2);
    expect(solution.unassigned).toEqual([]);
  });

  it('serves a visit in its second window and ends at the agent home', () => {
    const solution = solveSmall({
      travel,
      visits: [
        {
          id: 'a',
          location: 2,
          service: 5,
          demand: 1,
          windows: [
            [0, 5],
            [60, 70],
          ],
        },
      ],
      vehicles: [{ id: 'v', start: 0, end: 5, shift: [0, 200], capacity: 1 }],
    });
    expect(solution.routes).toEqual([
      { vehicle: 0, visits: [0], starts: [60], departure: 40, arrival: 95, distance: 50 },
    ]);
  });

  it('keeps the higher-priority visits when not all fit, and says why the rest are left out', () => {
    const solution = solveSmall({
      travel,
      visits: [
        { id: 'low', location: 1, service: 5, demand: 1, priority: 1 },
        { id: 'high', location: 4, service: 5, demand: 1, priority: 5 },
        { id: 'closed', location: 2, service: 5, demand: 1, windows: [] },
        { id: 'skilled', location: 2, service: 5, demand: 1, skills: ['legal'] },
        { id: 'heavy', location: 3, service: 5, demand: 9 },
      ],
      vehicles: [{ id: 'v', start: 0, end: 0, shift: [0, 200], capacity: 1 }],
    });
    expect(solution.routes.map((route) => route.visits)).toEqual([[1]]);
    expect(solution.unassigned).toEqual([
      { visit: 0, reason: 'no-room' },
      { visit: 2, reason: 'no-feasible-window' },
      { visit: 3, reason: 'no-skilled-agent' },
      { visit: 4, reason: 'capacity' },
    ]);
  });
});

describe('solve with a plan in force', () => {
  // Vehicle a starts at 0, b at 50; the visit at 10 is a's by distance but b had it before.
  const instance = (reassignmentCost: number) => ({
    travel,
    visits: [{ id: 'x', location: 1, service: 5, demand: 1, preferredVehicle: 1 }],
    vehicles: [
      { id: 'a', start: 0, end: 0, shift: [0, 200] as const, capacity: 5 },
      { id: 'b', start: 5, end: 5, shift: [0, 200] as const, capacity: 5 },
    ],
    reassignmentCost,
  });
  it.each([
    [0, 'a'],
    [50, 'a'],
    [100, 'b'],
  ])('a reassignment cost of %i gives the visit to %s', (reassignmentCost, vehicle) => {
    const { reassignmentCost: cost, ...problem } = instance(reassignmentCost);
    const solution = solve(problem, { seed: 1, maxIterations: 50, reassignmentCost: cost });
    expect(checkSolution(problem, solution).violations).toEqual([]);
    expect(problem.vehicles[solution.routes[0]!.vehicle]!.id).toBe(vehicle);
  });

  it('never leaves a visit out to keep it with its vehicle or to even out the work', () => {
    const solution = solve(
      {
        travel,
        visits: [
          { id: 'x', location: 1, service: 5, demand: 1, preferredVehicle: 0 },
          { id: 'y', location: 2, service: 5, demand: 1, preferredVehicle: 0 },
        ],
        vehicles: [
          { id: 'gone-late', start: 0, end: 0, shift: [0, 1], capacity: 5 },
          { id: 'b', start: 5, end: 5, shift: [0, 200], capacity: 5 },
        ],
      },
      { seed: 1, maxIterations: 50, reassignmentCost: 1e9, balance: { measure: 'visits', weight: 1e9 } },
    );
    expect(solution.unassigned).toEqual([]);
  });

  it('starts from the initial routes and drops only the visits that no longer fit them', () => {
    const problem: Instance = {
      travel,
      visits: [
        { id: 'x', location: 1, service: 5, demand: 1, windows: [[0, 100]] },
        { id: 'y', location: 4, service: 5, demand: 1, vehicles: [1] },
      ],
      vehicles: [
        { id: 'a', start: 0, end: 0, shift: [0, 200], capacity: 5 },
        { id: 'b', start: 5, end: 5, shift: [0, 200], capacity: 5 },
      ],
    };
    // y is on a, which it does not allow: it goes to b, the only vehicle it allows.
    const solution = solve(problem, { seed: 1, maxIterations: 0, initial: [{ vehicle: 0, visits: [0, 1] }] });
    expect(checkSolution(problem, solution).violations).toEqual([]);
    expect(solution.routes.map((route) => [route.vehicle, route.visits])).toEqual([
      [0, [0]],
      [1, [1]],
    ]);
  });
});
