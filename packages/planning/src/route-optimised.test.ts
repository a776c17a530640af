import {
  type AgentId,
  type CaseId,
  instantiatePolicy,
  type PlanningInput,
  type PlanningProposal,
} from '@doorstep/core';
import { aTenant } from '@doorstep/core/testing';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRouteOptimised, routeOptimised } from './route-optimised';

type Agent = PlanningInput['agents'][number];
type Candidate = PlanningInput['candidates'][number];

// 2026-03-03 in Shenzhen (UTC+8): local hour h is h - 8 UTC.
const DATE = '2026-03-03';
const at = (localHour: number) =>
  new Date(Date.UTC(2026, 2, 3, 0) + (localHour - 8) * 3_600_000).toISOString();
const local = (from: number, to: number) => ({ start: at(from), end: at(to) });
const futian = { lat: 22.54, lon: 114.06 };
const east = (km: number) => ({ lat: futian.lat, lon: futian.lon + km / 102.8 });

const agent = (agentId: string, overrides: Partial<Agent> = {}): Agent => ({
  agentId: agentId as AgentId,
  base: futian,
  maxVisits: 8,
  ...overrides,
});
const candidate = (caseId: string, priority: number, overrides: Partial<Candidate> = {}): Candidate => ({
  caseId: caseId as CaseId,
  priority,
  location: east(2),
  windows: [local(8, 22)],
  durationMinutes: 30,
  staffNeeded: 1,
  ...overrides,
});

const plannerWith = (overrides: Record<string, unknown> = {}, policy = routeOptimised) => {
  const instance = instantiatePolicy(policy, { maxIterations: 300, ...overrides });
  if (!instance.ok) throw new Error(JSON.stringify(instance.error));
  return instance.value.fns;
};
const plan = (input: Partial<PlanningInput>, overrides?: Record<string, unknown>) =>
  plannerWith(overrides).plan({
    now: at(7),
    tenant: aTenant(),
    date: DATE,
    agents: [agent('agt_1')],
    candidates: [],
    ...input,
  });

const assignment = (proposal: PlanningProposal) =>
  Object.fromEntries(proposal.routes.flatMap((r) => r.stops.map((s) => [s.caseId, r.agentIds.join('+')])));
const unplannedCodes = (proposal: PlanningProposal) =>
  Object.fromEntries(proposal.unplanned.map((u) => [u.caseId, u.reasons.map((r) => r.code)]));

describe('route-optimised: who gets which case', () => {
  test.each<[string, Partial<PlanningInput>, Record<string, string>, Record<string, string[]>]>([
    [
      'the highest priorities are planned when visits run short',
      {
        agents: [agent('agt_1', { maxVisits: 3 })],
        candidates: [1, 6, 2, 5, 3, 4].map((p) => candidate(`case_p${p}`, p)),
      },
      { case_p6: 'agt_1', case_p5: 'agt_1', case_p4: 'agt_1' },
      { case_p1: ['unplanned.no-room'], case_p2: ['unplanned.no-room'], case_p3: ['unplanned.no-room'] },
    ],
    [
      'a two-staff visit goes to a pair only',
      {
        agents: [agent('agt_solo'), agent('agt_pair', { staff: 2, base: east(20) })],
        candidates: [candidate('case_pair', 1, { staffNeeded: 2 })],
      },
      { case_pair: 'agt_pair' },
      {},
    ],
    [
      'language and skills pick the agent',
      {
        agents: [
          agent('agt_zh', { languages: ['zh'] }),
          agent('agt_yue', { languages: ['zh', 'yue'], base: east(20) }),
          agent('agt_legal', { languages: ['zh'], skills: ['legal'], base: east(-20) }),
        ],
        candidates: [
          candidate('case_yue', 1, { language: 'yue' }),
          candidate('case_legal', 1, { language: 'zh', skills: ['legal'] }),
        ],
      },
      { case_yue: 'agt_yue', case_legal: 'agt_legal' },
      {},
    ],
    [
      'a shift limits the day',
      {
        agents: [agent('agt_late', { shift: local(18, 22) })],
        candidates: [
          candidate('case_evening', 1, { windows: [local(19, 21)] }),
          candidate('case_morning', 1, { windows: [local(9, 11)] }),
        ],
      },
      { case_evening: 'agt_late' },
      { case_morning: ['unplanned.no-window'] },
    ],
  ])('%s', (_name, input, planned, unplanned) => {
    const proposal = plan(input);
    expect(assignment(proposal)).toEqual(planned);
    expect(unplannedCodes(proposal)).toEqual(unplanned);
  });
});

describe('route-optimised: why a case is not planned', () => {
  const pairs = [agent('agt_1', { staff: 2, languages: ['zh'] }), agent('agt_2', { skills: ['legal'] })];
  test.each<[string, Partial<PlanningInput>, string]>([
    ['no agents', { agents: [] }, 'No agent is available on 2026-03-03'],
    [
      'all dropped',
      { droppedAgentIds: ['agt_1', 'agt_2'] as AgentId[] },
      'No agent is available on 2026-03-03',
    ],
    [
      'too few staff',
      { candidates: [candidate('case_x', 1, { staffNeeded: 3 })] },
      'Needs 3 staff; the largest team has 2',
    ],
    [
      'unknown skill',
      { candidates: [candidate('case_x', 1, { skills: ['tax'] })] },
      'Needs tax, which no agent has',
    ],
    [
      'unknown language',
      { candidates: [candidate('case_x', 1, { language: 'fr' })] },
      'Needs an agent who speaks fr; none does',
    ],
    [
      'requirements split over agents',
      { candidates: [candidate('case_x', 1, { staffNeeded: 2, skills: ['legal'] })] },
      'No single agent has everything it needs (2 staff, skills legal)',
    ],
    [
      'no visits allowed',
      { agents: pairs.map((a) => ({ ...a, maxVisits: 0 })) },
      'The 2 agent(s) who could take it may make no visits on 2026-03-03',
    ],
    [
      'compliance allows no time in the shift',
      { candidates: [candidate('case_x', 1, { windows: [local(7, 9.25)] })] },
      'No allowed window on 2026-03-03 fits a 30-minute visit, travel included, in the shift of an agent who can take it (1 window(s))',
    ],
    [
      'the window is shorter than the visit',
      { candidates: [candidate('case_x', 1, { windows: [local(10, 10.25)] })] },
      'No allowed window on 2026-03-03 fits a 30-minute visit, travel included, in the shift of an agent who can take it (1 window(s))',
    ],
  ])('%s', (_name, input, message) => {
    const proposal = plan({ agents: pairs, candidates: [candidate('case_x', 1)], ...input });
    expect(proposal.routes).toEqual([]);
    expect(proposal.unplanned.map((u) => u.reasons.map((r) => r.message))).toEqual([[message]]);
  });
});

describe('route-optimised: stops', () => {
  test('each stop says which, by whom, when and why', () => {
    const proposal = plan({ candidates: [candidate('case_a', 0.82, { location: futian })] });
    expect(proposal.routes[0]?.stops[0]?.reasons).toEqual([
      {
        code: 'route.stop',
        data: { order: 1, agentId: 'agt_1', from: '09:00', to: '09:30', priority: 0.82 },
        message: 'Stop 1 of agt_1 at 09:00–09:30, priority 0.82',
      },
    ]);
  });

  test('a visit of unknown length takes the default service time', () => {
    const proposal = plan(
      { candidates: [candidate('case_a', 1, { durationMinutes: 0, location: futian })] },
      { defaultServiceMinutes: 50 },
    );
    expect(proposal.routes[0]?.stops[0]?.window).toEqual({ start: at(9), end: at(9 + 50 / 60) });
  });

  test('a case scored 0 is still planned when there is room', () => {
    const proposal = plan({ candidates: [candidate('case_zero', 0), candidate('case_top', 90)] });
    expect(assignment(proposal)).toEqual({ case_zero: 'agt_1', case_top: 'agt_1' });
  });
});

// Small random days: up to 4 agents and 14 cases around Futian, windows cut from the legal hours.
const hour = fc.integer({ min: 16, max: 44 }).map((half) => half / 2);
const windowsArb = fc.uniqueArray(hour, { minLength: 2, maxLength: 4 }).map((cuts) => {
  const sorted = cuts.sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push(local(sorted[i]!, sorted[i + 1]!));
  return out;
});
const position = fc.record({
  lat: fc.double({ min: 22.5, max: 22.6, noNaN: true }),
  lon: fc.double({ min: 114.0, max: 114.12, noNaN: true }),
});
const day = fc.record({
  agents: fc.uniqueArray(
    fc.record({
      agentId: fc.constantFrom('agt_a', 'agt_b', 'agt_c', 'agt_d') as fc.Arbitrary<AgentId>,
      base: position,
      maxVisits: fc.integer({ min: 0, max: 6 }),
      shift: fc.constantFrom(local(8.5, 18), local(12, 21.5)),
      staff: fc.constantFrom(1, 2),
      languages: fc.constantFrom<string[]>(['zh'], ['zh', 'yue']),
      skills: fc.constantFrom<string[]>([], ['legal']),
    }),
    { minLength: 1, maxLength: 4, selector: (a) => a.agentId },
  ),
  candidates: fc
    .array(
      fc.record({
        priority: fc.integer({ min: 0, max: 100 }),
        location: position,
        windows: windowsArb,
        durationMinutes: fc.integer({ min: 15, max: 60 }),
        staffNeeded: fc.constantFrom(1, 2),
        language: fc.constantFrom('zh', 'yue'),
        skills: fc.constantFrom<string[]>([], [], ['legal']),
      }),
      { maxLength: 14 },
    )
    .map((cs) => cs.map((c, i): Candidate => ({ ...c, caseId: `case_${i}` as CaseId }))),
});

const stopsOf = (proposal: PlanningProposal) =>
  proposal.routes.flatMap((route) => route.stops.map((stop) => ({ agentId: route.agentIds[0]!, stop })));

describe('route-optimised: properties', () => {
  test('stops keep windows, shifts, staff, language and skills; every case is planned or explained', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 1000 }), ({ agents, candidates }, seed) => {
        const proposal = plan({ agents, candidates }, { seed, maxIterations: 60 });
        const agentOf = new Map(agents.map((a) => [a.agentId, a]));
        const candidateOf = new Map(candidates.map((c) => [c.caseId, c]));
        for (const { agentId, stop } of stopsOf(proposal)) {
          const a = agentOf.get(agentId as AgentId)!;
          const c = candidateOf.get(stop.caseId)!;
          const [start, end] = [Date.parse(stop.window.start), Date.parse(stop.window.end)];
          expect(end - start).toBe(c.durationMinutes * 60_000);
          expect(c.windows.some((w) => Date.parse(w.start) <= start && end <= Date.parse(w.end))).toBe(true);
          expect(Date.parse(a.shift!.start) <= start && end <= Date.parse(a.shift!.end)).toBe(true);
          expect(a.staff).toBeGreaterThanOrEqual(c.staffNeeded);
          expect(a.languages).toContain(c.language);
          expect((c.skills ?? []).every((s) => a.skills?.includes(s))).toBe(true);
        }
        for (const route of proposal.routes) {
          expect(route.stops.length).toBeLessThanOrEqual(agentOf.get(route.agentIds[0]!)!.maxVisits);
          expect(route.stops.map((s) => s.order)).toEqual(route.stops.map((_, i) => i + 1));
          route.stops.slice(1).forEach((s, i) => {
            expect(Date.parse(s.window.start)).toBeGreaterThanOrEqual(Date.parse(route.stops[i]!.window.end));
          });
        }
        const seen = [
          ...stopsOf(proposal).map((s) => s.stop.caseId),
          ...proposal.unplanned.map((u) => u.caseId),
        ];
        expect(seen.sort()).toEqual(candidates.map((c) => c.caseId).sort());
        for (const u of proposal.unplanned) expect(u.reasons[0]?.message).toMatch(/\w/);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  test('re-planning after agents drop out keeps the others’ stops in order and reports moves', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 1000 }), ({ agents, candidates }, seed) => {
        const previous = plan({ agents, candidates }, { seed, maxIterations: 60 });
        const dropped = previous.routes.slice(0, 1).flatMap((r) => r.agentIds);
        const after = plan({ agents, candidates, previous, droppedAgentIds: dropped }, { seed });
        for (const gone of dropped) expect(after.routes.flatMap((r) => r.agentIds)).not.toContain(gone);
        for (const old of previous.routes.filter((r) => !dropped.includes(r.agentIds[0]!))) {
          const kept = after.routes.find((r) => r.agentIds[0] === old.agentIds[0])!.stops;
          const positions = old.stops.map((s) => kept.findIndex((k) => k.caseId === s.caseId));
          expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
          // Insertions only push later stops back: nobody is asked to be somewhere earlier than told.
          old.stops.forEach((s, i) => {
            expect(Date.parse(kept[positions[i]!]!.window.start)).toBeGreaterThanOrEqual(
              Date.parse(s.window.start),
            );
          });
        }
        const wasDropped = new Set(
          previous.routes
            .filter((r) => dropped.includes(r.agentIds[0]!))
            .flatMap((r) => r.stops.map((s) => s.caseId)),
        );
        for (const { stop } of stopsOf(after)) {
          if (wasDropped.has(stop.caseId)) expect(stop.reasons.map((r) => r.code)).toContain('replan.moved');
        }
        for (const u of after.unplanned) {
          if (wasDropped.has(u.caseId)) expect(u.reasons.map((r) => r.code)).toContain('replan.unplanned');
        }
      }),
      { numRuns: 30, seed: 11 },
    );
  });
});

describe('route-optimised: re-planning messages', () => {
  test('moved, added and shifted stops say so', () => {
    const agents = [agent('agt_1'), agent('agt_2', { base: east(6) })];
    const candidates = [
      candidate('case_near', 5, { windows: [local(9, 10)] }),
      candidate('case_far', 5, { location: east(6) }),
    ];
    const previous = plan({ agents, candidates });
    expect(assignment(previous)).toEqual({ case_near: 'agt_1', case_far: 'agt_2' });
    const after = plan({
      agents,
      candidates: [...candidates, candidate('case_new', 9, { location: east(5), windows: [local(12, 15)] })],
      previous,
      droppedAgentIds: ['agt_1' as AgentId],
    });
    const changes = stopsOf(after).map(({ stop }) => [
      stop.caseId,
      ...stop.reasons.slice(1).map((r) => r.message),
    ]);
    expect(changes).toEqual([
      ['case_near', 'Moved from agt_1, no longer on duty, to agt_2'],
      ['case_new', 'Added to agt_2; it was not in the previous plan'],
      ['case_far', 'Still with agt_2; was stop 1 at 09:00, now stop 3 at 12:34'],
    ]);
  });
});

describe('route-optimised: determinism and budget', () => {
  const input = {
    agents: [agent('agt_1', { maxVisits: 4 }), agent('agt_2', { maxVisits: 4, base: east(8) })],
    candidates: Array.from({ length: 10 }, (_, i) => candidate(`case_${i}`, i % 4, { location: east(i) })),
  };

  test('the same input and seed give the same plan', () => {
    expect(plan(input, { seed: 5 })).toEqual(plan(input, { seed: 5 }));
  });

  test('an injected clock stops the search at the time limit', () => {
    let reads = 0;
    const clock = () => 1000 * reads++;
    const planner = plannerWith(
      { timeLimitMs: 500, maxIterations: 1_000_000 },
      createRouteOptimised({ clock }),
    );
    const proposal = planner.plan({ now: at(7), tenant: aTenant(), date: DATE, ...input });
    expect(reads).toBeLessThan(10);
    expect(stopsOf(proposal)).toHaveLength(8);
  });
});
