import { describe, expect, it } from 'vitest';
import { type CheckInstance, type CheckSolution, checkSolution, type ViolationCode } from './check';

// Locations on a line: 0 is the depot, 1..3 are 10, 20, 30 away; distance = duration = |a - b|.
const line = [0, 10, 20, 30];
const instance: CheckInstance = {
  travel: {
    size: line.length,
    distance: (a, b) => Math.abs(line[a]! - line[b]!),
    duration: (a, b) => Math.abs(line[a]! - line[b]!),
  },
  visits: [
    { id: 'a', location: 1, service: 5, demand: 2, windows: [[0, 100]] },
    {
      id: 'b',
      location: 2,
      service: 5,
      demand: 2,
      windows: [
        [0, 20],
        [40, 60],
      ],
      skills: ['lang:yue'],
    },
    { id: 'c', location: 3, service: 5, demand: 2, minStaff: 2 },
  ],
  vehicles: [
    { id: 'solo', start: 0, end: 0, shift: [0, 200], capacity: 4, skills: ['lang:yue'] },
    { id: 'team', start: 0, end: 3, shift: [0, 200], capacity: 5, staff: 2 },
  ],
};

interface Case {
  readonly name: string;
  readonly solution: CheckSolution;
  readonly requireAll?: boolean;
  readonly expected: readonly ViolationCode[];
}

const cases: readonly Case[] = [
  {
    name: 'a valid plan',
    solution: {
      routes: [
        { vehicle: 0, visits: [0, 1], starts: [10, 40], distance: 40 },
        { vehicle: 1, visits: [2], distance: 30 },
      ],
      distance: 70,
    },
    expected: [],
  },
  {
    name: 'a claimed start later than the earliest',
    solution: {
      routes: [
        { vehicle: 0, visits: [0, 1], starts: [25, 45] },
        { vehicle: 1, visits: [2] },
      ],
    },
    expected: [],
  },
  {
    name: 'capacity exceeded',
    solution: { routes: [{ vehicle: 1, visits: [0, 2, 1] }] },
    expected: ['skill', 'capacity'],
  },
  {
    name: 'arrival after the last window',
    solution: {
      routes: [
        { vehicle: 0, visits: [0, 1], starts: [60, 75] },
        { vehicle: 1, visits: [2] },
      ],
    },
    expected: ['time-window'],
  },
  {
    name: 'a visit left unassigned',
    solution: {
      routes: [{ vehicle: 0, visits: [0, 1] }],
      unassigned: [{ visit: 2 }],
    },
    expected: [],
  },
  {
    name: 'claimed start before the arrival',
    solution: {
      routes: [
        { vehicle: 0, visits: [0, 1], starts: [5, 40] },
        { vehicle: 1, visits: [2] },
      ],
    },
    expected: ['schedule'],
  },
  {
    name: 'missing skill',
    solution: {
      routes: [
        { vehicle: 1, visits: [1, 2] },
        { vehicle: 0, visits: [0] },
      ],
    },
    expected: ['skill'],
  },
  {
    name: 'team of one at a two-staff visit',
    solution: {
      routes: [
        { vehicle: 0, visits: [2] },
        { vehicle: 1, visits: [0, 1] },
      ],
    },
    expected: ['staff', 'skill'],
  },
  {
    name: 'duplicate visit',
    solution: {
      routes: [
        { vehicle: 0, visits: [0, 0] },
        { vehicle: 1, visits: [2] },
      ],
      unassigned: [{ visit: 1 }],
    },
    expected: ['duplicate-visit'],
  },
  {
    name: 'missing visit',
    solution: { routes: [{ vehicle: 0, visits: [0, 1] }] },
    expected: ['missing-visit'],
  },
  {
    name: 'unassigned when all are required',
    solution: { routes: [{ vehicle: 0, visits: [0, 1] }], unassigned: [{ visit: 2 }] },
    requireAll: true,
    expected: ['missing-visit'],
  },
  {
    name: 'wrong route and total distance',
    solution: {
      routes: [
        { vehicle: 0, visits: [0, 1], distance: 39 },
        { vehicle: 1, visits: [2], distance: 30 },
      ],
      distance: 60,
    },
    expected: ['distance', 'distance'],
  },
  {
    name: 'unknown and reused vehicles, unknown visit',
    solution: {
      routes: [
        { vehicle: 0, visits: [0, 1] },
        { vehicle: 0, visits: [7] },
        { vehicle: 5, visits: [2] },
      ],
    },
    expected: ['vehicle-reused', 'unknown-visit', 'unknown-vehicle', 'missing-visit'],
  },
];

describe('checkSolution', () => {
  it.each(cases)('$name', ({ solution, requireAll, expected }) => {
    const report = checkSolution(instance, solution, { requireAll });
    expect(report.violations.map((v) => v.code)).toEqual(expected);
    expect(report.valid).toBe(expected.length === 0);
  });

  it('reports the return after the shift end', () => {
    const late: CheckInstance = {
      ...instance,
      vehicles: [{ ...instance.vehicles[0]!, shift: [0, 30] }, instance.vehicles[1]!],
    };
    const report = checkSolution(late, {
      routes: [
        { vehicle: 0, visits: [0, 1] },
        { vehicle: 1, visits: [2] },
      ],
    });
    expect(report.violations).toEqual([{ code: 'shift', route: 0, expected: 30, actual: 65 }]);
  });

  it('recomputes distance and counts only non-empty routes', () => {
    const report = checkSolution(instance, {
      routes: [
        { vehicle: 0, visits: [0, 1] },
        { vehicle: 1, visits: [] },
      ],
      unassigned: [{ visit: 2 }],
    });
    expect(report).toMatchObject({ valid: true, distance: 40, vehicles: 1 });
  });
});
