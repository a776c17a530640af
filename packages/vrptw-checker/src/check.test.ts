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

// Field rules: two teams of people and three customers in two districts (a square area around Futian).
const FUTIAN: readonly (readonly [number, number])[] = [
  [22.5, 114.0],
  [22.5, 114.1],
  [22.6, 114.1],
  [22.6, 114.0],
];
const field: CheckInstance = {
  travel: instance.travel,
  visits: [
    { id: 'yue', location: 1, service: 5, demand: 1, language: 'yue', place: { lat: 22.55, lon: 114.05 } },
    {
      id: 'loan',
      location: 2,
      service: 5,
      demand: 1,
      skills: ['senior'],
      minStaff: 2,
      place: { lat: 22.7, lon: 114.2, region: 'reg_longgang' },
    },
    {
      id: 'only-team-b',
      location: 3,
      service: 5,
      demand: 1,
      vehicles: [1],
      place: { lat: 22.52, lon: 114.01 },
    },
  ],
  vehicles: [
    {
      id: 'team-a',
      start: 0,
      end: 0,
      shift: [0, 200],
      capacity: 5,
      members: [
        { id: 'wang', languages: ['zh', 'yue'], territory: { areas: [FUTIAN] } },
        { id: 'li', languages: ['zh'], seniority: 'junior' },
      ],
    },
    {
      id: 'team-b',
      start: 0,
      end: 0,
      shift: [0, 200],
      capacity: 5,
      members: [
        { id: 'chen', languages: ['zh'], seniority: 'senior', territory: { regions: ['reg_longgang'] } },
        { id: 'zhao', languages: ['zh'] },
      ],
    },
  ],
};

describe('checkSolution with teams of people', () => {
  it.each<[string, CheckSolution, readonly ViolationCode[], boolean?]>([
    [
      'each customer with a team that speaks, brings and may go there',
      {
        routes: [
          { vehicle: 0, visits: [0] },
          { vehicle: 1, visits: [1] },
        ],
        unassigned: [{ visit: 2 }],
      },
      [],
    ],
    [
      'nobody in the team speaks the customer’s language',
      { routes: [{ vehicle: 1, visits: [0] }], unassigned: [{ visit: 1 }, { visit: 2 }] },
      ['language', 'territory'],
    ],
    [
      'a junior team at a visit needing a senior, outside a member’s area',
      { routes: [{ vehicle: 0, visits: [1] }], unassigned: [{ visit: 0 }, { visit: 2 }] },
      ['skill', 'territory'],
    ],
    [
      'a vehicle the visit does not allow',
      { routes: [{ vehicle: 0, visits: [2] }], unassigned: [{ visit: 0 }, { visit: 1 }] },
      ['vehicle-not-allowed'],
    ],
    [
      'a team without a senior when every team needs one',
      {
        routes: [
          { vehicle: 0, visits: [0] },
          { vehicle: 1, visits: [1] },
        ],
        unassigned: [{ visit: 2 }],
      },
      ['seniority-mix'],
      true,
    ],
  ])('%s', (_name, solution, expected, seniorInEveryTeam) => {
    const report = checkSolution(field, solution, { seniorInEveryTeam });
    expect(report.violations.map((v) => v.code)).toEqual(expected);
  });

  it('counts the members as the staff, and a person on two teams once too often', () => {
    const shared: CheckInstance = {
      ...field,
      vehicles: [field.vehicles[0]!, { ...field.vehicles[1]!, members: [field.vehicles[0]!.members![0]!] }],
    };
    const report = checkSolution(shared, {
      routes: [
        { vehicle: 0, visits: [0] },
        { vehicle: 1, visits: [1] },
      ],
      unassigned: [{ visit: 2 }],
    });
    expect(report.violations.map((v) => v.code)).toEqual(['member-reused', 'skill', 'staff', 'territory']);
  });
});
