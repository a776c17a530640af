import { describe, expect, test } from 'vitest';
import type { PlanningInput } from '../../contracts/planning';
import type { CaseId } from '../../ids/ids';
import { aTenant } from '../../testing/builders';
import { greedyRoutes } from './greedy-routes';

// 2026-03-03 in Shanghai (UTC+8): the working day 09:00–18:00 is 01:00–10:00 UTC.
const base = { lat: 22.54, lon: 114.06 };
// ~10 km north: 10 km x 1.4 detour / 20 km/h = 42 minutes.
const tenKmNorth = { lat: 22.54 + 10 / 111.195, lon: 114.06 };
const allDay = [{ start: '2026-03-03T00:00:00.000Z', end: '2026-03-03T12:00:00.000Z' }];

const candidate = (
  caseId: CaseId,
  priority: number,
  overrides: Partial<PlanningInput['candidates'][number]> = {},
) => ({
  caseId,
  priority,
  location: base,
  windows: allDay,
  durationMinutes: 60,
  staffNeeded: 2,
  ...overrides,
});
const agents = (count: number, maxVisits = 8) =>
  Array.from({ length: count }, (_, i) => ({ agentId: `agt_${i + 1}` as const, base, maxVisits }));

const plan = (input: Partial<PlanningInput>) =>
  greedyRoutes.create(greedyRoutes.defaultOptions).plan({
    now: '2026-03-02T00:00:00Z',
    tenant: aTenant(),
    date: '2026-03-03',
    agents: agents(2),
    candidates: [],
    ...input,
  });

const starts = (p: ReturnType<typeof plan>) =>
  p.routes.map(
    (r) =>
      `${r.agentIds.join('+')}: ${r.stops.map((s) => `${s.caseId}@${s.window.start.slice(11, 16)}`).join(' ')}`,
  );

describe('greedy-routes', () => {
  test.each<[string, Partial<PlanningInput>, string[]]>([
    [
      'priority order, back to back from 09:00',
      { candidates: [candidate('case_b', 10), candidate('case_a', 50), candidate('case_c', 10)] },
      ['agt_1+agt_2: case_a@01:00 case_b@02:00 case_c@03:00'],
    ],
    [
      'travel time from the base',
      { candidates: [candidate('case_a', 1, { location: tenKmNorth })] },
      ['agt_1+agt_2: case_a@01:42'],
    ],
    [
      'a later window is waited for',
      {
        candidates: [
          candidate('case_a', 1, {
            windows: [{ start: '2026-03-03T06:00:00.000Z', end: '2026-03-03T08:00:00.000Z' }],
          }),
        ],
      },
      ['agt_1+agt_2: case_a@06:00'],
    ],
    [
      'the team that can start earliest takes the case',
      { agents: agents(4), candidates: [candidate('case_a', 2), candidate('case_b', 1)] },
      ['agt_1+agt_2: case_a@01:00', 'agt_3+agt_4: case_b@01:00'],
    ],
  ])('%s', (_name, input, expected) => {
    const result = plan(input);
    expect(starts(result)).toEqual(expected);
    expect(result.unplanned).toEqual([]);
  });

  test.each([
    [
      'too few staff',
      { candidates: [candidate('case_a', 1, { staffNeeded: 3 })] },
      'Needs 3 staff; teams have at most 2',
    ],
    [
      'no window in the working day',
      {
        candidates: [
          candidate('case_a', 1, {
            windows: [{ start: '2026-03-03T11:00:00.000Z', end: '2026-03-03T13:00:00.000Z' }],
          }),
        ],
      },
      'No allowed window on 2026-03-03 fits a 60-minute visit in the working day',
    ],
    [
      'capacity used up',
      { agents: agents(2, 1), candidates: [candidate('case_b', 1), candidate('case_a', 2)] },
      'No team has time or capacity left on 2026-03-03',
    ],
  ])('unplanned: %s', (_name, input, message) => {
    const result = plan(input);
    expect(result.unplanned.map((u) => u.reasons[0]?.message)).toEqual([message]);
  });

  test('each stop says why it is where it is', () => {
    const [route] = plan({ candidates: [candidate('case_a', 7, { location: tenKmNorth })] }).routes;
    expect(route?.stops[0]?.reasons[0]?.message).toBe(
      'Priority 7; 42 min travel; starts 2026-03-03T01:42:00.000Z',
    );
  });

  test('the day ends at 18:00 local', () => {
    const many = Array.from({ length: 12 }, (_, i) => candidate(`case_${String(i).padStart(2, '0')}`, 1));
    const result = plan({ agents: agents(2, 20), candidates: many });
    expect(result.routes[0]?.stops).toHaveLength(9);
    expect(result.unplanned).toHaveLength(3);
  });
});
