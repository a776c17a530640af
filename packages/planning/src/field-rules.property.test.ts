/**
 * The Must-show of the field rules: for random days of agents with shifts, skills, languages,
 * seniority and territories (regions and areas), and cases with staffing rules, required skills and
 * languages, no route the planner makes breaks any of them. The judge is the independent VRPTW checker
 * with the people of each team: it works out each team's staff, skills, languages, seniority and
 * territory from its members itself, and replays every route's schedule on the travel table the host
 * measured (the same one the planner was given).
 */
import {
  type AgentId,
  type CaseId,
  type GeoPoint,
  instantiatePolicy,
  type PlanningAgent,
  type PlanningCandidate,
  type PlanningProposal,
  type Territory,
  type TravelTable,
} from '@doorstep/core';
import { aTenant } from '@doorstep/core/testing';
import {
  type CheckInstance,
  type CheckMember,
  type CheckSolution,
  type CheckVisit,
  checkSolution,
} from '@doorstep/vrptw-checker';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routeOptimised } from './route-optimised';
import { haversineTable, placeKey } from './travel/haversine';

// 2026-03-03 in Shenzhen (UTC+8): local hour h is h - 8 UTC.
const at = (localHour: number) =>
  new Date(Date.UTC(2026, 2, 3, 0) + (localHour - 8) * 3_600_000).toISOString();
const local = (from: number, to: number) => ({ start: at(from), end: at(to) });
const ORIGIN = Date.parse(at(0));
const seconds = (instant: string) => (Date.parse(instant) - ORIGIN) / 1000;

// Two districts split at 22.55 N; the northern one is also drawn as an area.
const NORTH_AREA: GeoPoint[] = [
  { lat: 22.55, lon: 114.0 },
  { lat: 22.55, lon: 114.12 },
  { lat: 22.6, lon: 114.12 },
  { lat: 22.6, lon: 114.0 },
];
const regionAt = (p: GeoPoint) => (p.lat >= 22.55 ? 'reg_north' : 'reg_south');

const position = fc.record({
  lat: fc.double({ min: 22.5, max: 22.6, noNaN: true }),
  lon: fc.double({ min: 114.0, max: 114.12, noNaN: true }),
});
const hour = fc.integer({ min: 16, max: 44 }).map((half) => half / 2);
const windows = fc.uniqueArray(hour, { minLength: 2, maxLength: 4 }).map((cuts) => {
  const sorted = cuts.sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push(local(sorted[i]!, sorted[i + 1]!));
  return out;
});
const territory = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.constant<Territory>({ regions: ['reg_north'], areas: [] }), weight: 1 },
  { arbitrary: fc.constant<Territory>({ regions: ['reg_south'], areas: [] }), weight: 1 },
  { arbitrary: fc.constant<Territory>({ regions: [], areas: [NORTH_AREA] }), weight: 1 },
);

const day = fc.record({
  agents: fc
    .array(
      fc.record({
        base: position,
        shift: fc.constantFrom(local(8.5, 18), local(12, 21.5), local(9, 13)),
        languages: fc.constantFrom<string[]>(['zh'], ['zh', 'yue'], ['zh', 'en'], ['yue']),
        skills: fc.constantFrom<string[]>([], [], ['legal']),
        seniority: fc.constantFrom('junior' as const, 'senior' as const),
        territory,
        maxVisits: fc.integer({ min: 1, max: 6 }),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((agents) =>
      agents.map(
        ({ territory: t, ...a }, i): PlanningAgent => ({
          agentId: `agt_${i}` as AgentId,
          ...a,
          ...(t ? { territory: t } : {}),
        }),
      ),
    ),
  // The staffing rule of the day's pack: everyone alone, in pairs (China), or some of each.
  staffing: fc.constantFrom([1], [2], [1, 2], [3]),
  cases: fc.array(
    fc.record({
      priority: fc.integer({ min: 0, max: 100 }),
      location: position,
      hasRegion: fc.boolean(),
      windows,
      durationMinutes: fc.integer({ min: 15, max: 60 }),
      staffPick: fc.nat(),
      skills: fc.constantFrom<string[]>([], [], [], ['legal'], ['senior']),
      language: fc.constantFrom(undefined, 'zh', 'zh', 'yue', 'en'),
    }),
    { maxLength: 14 },
  ),
  seniorityMix: fc.constantFrom('any' as const, 'senior-in-every-team' as const),
  balance: fc.constantFrom('none' as const, 'visits' as const, 'minutes' as const),
  seed: fc.nat(1000),
});

type Day = typeof day extends fc.Arbitrary<infer D> ? D : never;

const candidatesOf = (d: Day): PlanningCandidate[] =>
  d.cases.map(({ hasRegion, staffPick, language, ...c }, i) => ({
    caseId: `case_${i}` as CaseId,
    ...c,
    staffNeeded: d.staffing[staffPick % d.staffing.length]!,
    ...(hasRegion ? { regionId: regionAt(c.location) } : {}),
    ...(language ? { language } : {}),
  }));

/** What the host measures before it plans: travel between every base and every customer. */
const travelOf = (agents: readonly PlanningAgent[], candidates: readonly PlanningCandidate[]): TravelTable =>
  haversineTable([...agents.map((a) => a.base), ...candidates.map((c) => c.location)], {
    default: { speedKmh: 18, detourFactor: 1.5 },
  });

/** The day and the plan in the checker's terms, built from the raw day rather than the planner's teams. */
function judged(
  d: Day,
  candidates: readonly PlanningCandidate[],
  travel: TravelTable,
  proposal: PlanningProposal,
) {
  const n = travel.points.length;
  const indexOf = new Map(travel.points.map((p, i) => [placeKey(p), i]));
  const at = (p: GeoPoint) => indexOf.get(placeKey(p))!;
  const agentOf = new Map(d.agents.map((a) => [a.agentId as string, a]));
  const caseIndex = new Map(candidates.map((c, i) => [c.caseId as string, i]));
  const member = (a: PlanningAgent): CheckMember => ({
    id: a.agentId,
    skills: a.skills ?? [],
    languages: a.languages ?? [],
    ...(a.seniority ? { seniority: a.seniority } : {}),
    ...(a.territory
      ? {
          territory: {
            regions: a.territory.regions,
            areas: a.territory.areas.map((area) => area.map((p) => [p.lat, p.lon] as const)),
          },
        }
      : {}),
  });
  const instance: CheckInstance = {
    travel: {
      size: n,
      distance: (i, j) => travel.meters[i * n + j]!,
      duration: (i, j) => travel.seconds[i * n + j]!,
    },
    visits: candidates.map((c): CheckVisit => {
      const service = (c.durationMinutes || 45) * 60;
      return {
        id: c.caseId,
        location: at(c.location),
        service,
        demand: 1,
        windows: c.windows.map((w) => [seconds(w.start), seconds(w.end) - service] as const),
        skills: c.skills ?? [],
        minStaff: c.staffNeeded,
        ...(c.language ? { language: c.language } : {}),
        place: { lat: c.location.lat, lon: c.location.lon, ...(c.regionId ? { region: c.regionId } : {}) },
      };
    }),
    vehicles: proposal.routes.map((route) => {
      const members = route.agentIds.map((id) => agentOf.get(id)!);
      const lead = members[0]!;
      return {
        id: route.agentIds.join('+'),
        start: at(lead.base),
        end: at(lead.end ?? lead.base),
        shift: [
          Math.max(...members.map((m) => seconds(m.shift!.start))),
          Math.min(...members.map((m) => seconds(m.shift!.end))),
        ] as const,
        capacity: Math.min(...members.map((m) => m.maxVisits)),
        members: members.map(member),
      };
    }),
  };
  const solution: CheckSolution = {
    routes: proposal.routes.map((route, vehicle) => ({
      vehicle,
      visits: route.stops.map((s) => caseIndex.get(s.caseId)!),
      starts: route.stops.map((s) => seconds(s.window.start)),
    })),
    unassigned: proposal.unplanned.map((u) => ({ visit: caseIndex.get(u.caseId)! })),
  };
  return { instance, solution };
}

describe('route-optimised under field rules', () => {
  it('forms teams and routes that break no staffing, skill, language, seniority, territory, window or shift rule', () => {
    let stopsJudged = 0;
    let teamsOfSeveral = 0;
    fc.assert(
      fc.property(day, (d) => {
        const candidates = candidatesOf(d);
        const travel = travelOf(d.agents, candidates);
        const planner = instantiatePolicy(routeOptimised, {
          maxIterations: 80,
          seed: d.seed,
          seniorityMix: d.seniorityMix,
          balance: d.balance,
        });
        if (!planner.ok) throw new Error(JSON.stringify(planner.error));
        const proposal = planner.value.fns.plan({
          now: at(6),
          tenant: aTenant(),
          date: '2026-03-03',
          agents: d.agents,
          candidates,
          travel,
        });
        const { instance, solution } = judged(d, candidates, travel, proposal);
        const report = checkSolution(instance, solution, {
          tolerance: 1e-3,
          seniorInEveryTeam: d.seniorityMix === 'senior-in-every-team',
        });
        expect(report.violations).toEqual([]);
        for (const u of proposal.unplanned) expect(u.reasons[0]?.message).toMatch(/\w/);
        stopsJudged += solution.routes.reduce((s, r) => s + r.visits.length, 0);
        teamsOfSeveral += proposal.routes.filter((r) => r.agentIds.length > 1).length;
      }),
      { numRuns: 120, seed: 21 },
    );
    // A property that plans nothing, or only lone agents, proves nothing about teams.
    expect(stopsJudged).toBeGreaterThan(100);
    expect(teamsOfSeveral).toBeGreaterThan(40);
  });
});
