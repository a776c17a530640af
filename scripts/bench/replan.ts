/**
 * Re-plans a Shenzhen field day at 10:00 after two teams drop out, through the route-optimised plugin,
 * and reports the CPU the re-plan took. Target: 160 visits, 20 teams, re-plan under 2 s CPU, valid.
 *
 *   npx tsx scripts/bench/replan.ts [seed]        (pnpm bench:replan)
 *
 * The morning plan (not timed) pairs 40 agents into 20 teams and routes them. At 10:00 every visit that
 * ended is done and every one that started is under way, each checked in at its planned start a few
 * metres from the door; both agents of two teams stop working. The re-plan (timed, cold, as a host runs
 * it) keeps what is done or under way, starts each team from its last check-in and re-solves the rest.
 * Valid means: nothing kept moved, no new stop before 10:00, the dropped agents in no route, and every
 * re-planned route passes the independent checker from where and when its team was (worked out here
 * from the check-ins, not taken from the planner) with its members' skills, languages and the cases'
 * windows. Writes bench-results/replan.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  type AgentId,
  type GeoPoint,
  instantiatePolicy,
  type MidDayReplan,
  type PlanningAgent,
  type PlanningProposal,
  type TravelTable,
} from '@doorstep/core';
import { haversineTable, placeKey, routeOptimised } from '@doorstep/planning';
import { type CheckInstance, type CheckSolution, checkSolution } from '@doorstep/vrptw-checker';
import { at, shenzhenDay } from './shenzhen-day';

const VISITS = 160;
const TEAMS = 20;
const SEED = Number(process.argv[2] ?? 1);
const AT = at(10);
const ms = Date.parse;
const PROFILES = { default: { speedKmh: 20, detourFactor: 1.4 } };

const day = shenzhenDay(SEED, { visits: VISITS, teams: TEAMS, people: true });
const planner = instantiatePolicy(routeOptimised);
if (!planner.ok) throw new Error(JSON.stringify(planner.error));
const places = (extra: readonly GeoPoint[] = []): TravelTable =>
  haversineTable(
    [...day.agents.map((a) => a.base), ...day.candidates.map((c) => c.location), ...extra],
    PROFILES,
  );
const morning = planner.value.fns.plan({ ...day, travel: places() });

// 10:00: what ended is done, what started is under way; each checked in at its start, ~30 m from the door.
const locationOf = new Map(day.candidates.map((c) => [c.caseId as string, c.location]));
const progress: MidDayReplan['progress'] = morning.routes.flatMap((route) =>
  route.stops
    .filter((stop) => ms(stop.window.start) < ms(AT))
    .map((stop) => {
      const door = locationOf.get(stop.caseId)!;
      return {
        caseId: stop.caseId,
        state: ms(stop.window.end) <= ms(AT) ? ('done' as const) : ('under-way' as const),
        checkIn: { at: stop.window.start, position: { lat: door.lat + 0.0002, lon: door.lon + 0.0002 } },
      };
    }),
);
const fixed = new Set(progress.map((p) => p.caseId as string));
// The two teams with the most still to do drop out at 10:00.
const droppedTeams = [...morning.routes]
  .sort(
    (a, b) =>
      b.stops.filter((s) => !fixed.has(s.caseId)).length - a.stops.filter((s) => !fixed.has(s.caseId)).length,
  )
  .slice(0, 2);
const dropped = droppedTeams.flatMap((route) => route.agentIds);
const replan: MidDayReplan = {
  at: AT,
  progress,
  unavailable: dropped.map((agentId) => ({ agentId, from: AT })),
  urgentCaseIds: [],
};
const input = {
  ...day,
  now: AT,
  candidates: day.candidates.filter((c) => !fixed.has(c.caseId)),
  previous: morning,
  replan,
  travel: places(progress.flatMap((p) => (p.checkIn ? [p.checkIn.position] : []))),
};

const cpu = process.cpuUsage();
const replanner = instantiatePolicy(routeOptimised);
if (!replanner.ok) throw new Error(JSON.stringify(replanner.error));
const after = replanner.value.fns.plan(input);
const used = process.cpuUsage(cpu);
const replanMs = Math.round((used.user + used.system) / 1000);

/** The checker's view of the re-planned part of each route, from the check-ins and the raw agents. */
function checkReplanned(proposal: PlanningProposal, table: TravelTable): string[] {
  const n = table.points.length;
  const indexOf = new Map(table.points.map((p, i) => [placeKey(p), i]));
  const place = (p: GeoPoint) => indexOf.get(placeKey(p))!;
  const agentOf = new Map(day.agents.map((a) => [a.agentId as string, a]));
  const candidates = input.candidates;
  const caseIndex = new Map(candidates.map((c, i) => [c.caseId as string, i]));
  const progressOf = new Map(progress.map((p) => [p.caseId as string, p]));
  const seconds = (instant: string | number) => (typeof instant === 'number' ? instant : ms(instant)) / 1000;
  const routes = proposal.routes.filter((r) => r.stops.some((s) => !fixed.has(s.caseId)));
  const vehicles = routes.map((route) => {
    const members = route.agentIds.map((id) => agentOf.get(id)!) as PlanningAgent[];
    const lead = members[0]!;
    const kept = route.stops.filter((s) => fixed.has(s.caseId));
    // Where and when the team was: its last check-in and the end of its last kept visit, else its base.
    const last = kept.at(-1);
    const checkIn = last ? progressOf.get(last.caseId)?.checkIn : undefined;
    const busyUntil = Math.max(
      ms(AT),
      ...kept.map((s) => {
        const c = progressOf.get(s.caseId)?.checkIn;
        return c ? ms(c.at) + ms(s.window.end) - ms(s.window.start) : ms(s.window.end);
      }),
    );
    return {
      id: route.agentIds.join('+'),
      start: place(checkIn?.position ?? lead.base),
      end: place(lead.base),
      shift: [
        Math.max(seconds(busyUntil), ...members.map((m) => seconds(m.shift!.start))),
        Math.min(...members.map((m) => seconds(m.shift!.end))),
      ] as const,
      capacity: Math.min(...members.map((m) => m.maxVisits)) - kept.length,
      members: members.map((m) => ({ id: m.agentId, skills: m.skills ?? [], languages: m.languages ?? [] })),
    };
  });
  const instance: CheckInstance = {
    travel: {
      size: n,
      distance: (i, j) => table.meters[i * n + j]!,
      duration: (i, j) => table.seconds[i * n + j]!,
    },
    visits: candidates.map((c) => ({
      id: c.caseId,
      location: place(c.location),
      service: c.durationMinutes * 60,
      demand: 1,
      windows: c.windows.map((w) => [seconds(w.start), seconds(w.end) - c.durationMinutes * 60] as const),
      skills: c.skills ?? [],
      minStaff: c.staffNeeded,
      ...(c.language ? { language: c.language } : {}),
    })),
    vehicles,
  };
  const solution: CheckSolution = {
    routes: routes.map((route, vehicle) => {
      const fresh = route.stops.filter((s) => !fixed.has(s.caseId));
      return {
        vehicle,
        visits: fresh.map((s) => caseIndex.get(s.caseId)!),
        starts: fresh.map((s) => seconds(s.window.start)),
      };
    }),
    unassigned: proposal.unplanned.map((u) => ({ visit: caseIndex.get(u.caseId)! })),
  };
  return checkSolution(instance, solution, { tolerance: 1e-3 }).violations.map(
    (v) =>
      `${v.code} on ${v.route === undefined ? '' : vehicles[v.route]?.id} ${v.visit === undefined ? '' : candidates[v.visit]?.caseId}`,
  );
}

const problems: string[] = [];
const before = new Map(
  morning.routes.flatMap((r) => r.stops.map((s) => [s.caseId as string, { route: r, stop: s }])),
);
const now = new Map(
  after.routes.flatMap((r) => r.stops.map((s) => [s.caseId as string, { route: r, stop: s }])),
);
for (const caseId of fixed) {
  const was = before.get(caseId)!;
  const is = now.get(caseId);
  if (
    !is ||
    is.route.agentIds.join() !== was.route.agentIds.join() ||
    is.stop.window.start !== was.stop.window.start
  )
    problems.push(`${caseId} was kept fixed but moved`);
}
for (const [caseId, { stop }] of now) {
  if (!fixed.has(caseId) && ms(stop.window.start) < ms(AT)) problems.push(`${caseId} planned before 10:00`);
}
const droppedSet = new Set<string>(dropped);
for (const route of after.routes) {
  if (route.agentIds.some((id) => droppedSet.has(id)) && route.stops.some((s) => !fixed.has(s.caseId)))
    problems.push(`${route.agentIds.join('+')} was dropped but has new stops`);
}
problems.push(...checkReplanned(after, input.travel));

const teamOf = (entry: { route: PlanningProposal['routes'][number] } | undefined) =>
  entry?.route.agentIds.join('+');
const movedCases = [...now.keys()].filter(
  (caseId) => before.has(caseId) && teamOf(before.get(caseId)) !== teamOf(now.get(caseId)),
);
const moved = movedCases.length;
// Of those, the cases of the two teams that dropped out (the rest moved to make room or save travel).
const droppedTeamKeys = new Set(droppedTeams.map((route) => route.agentIds.join('+')));
const movedFromDropped = movedCases.filter((caseId) =>
  droppedTeamKeys.has(teamOf(before.get(caseId))!),
).length;
const unplannedNow = after.unplanned.filter((u) => before.has(u.caseId)).length;
const keptFixed = fixed.size;
const valid = problems.length === 0;
const stillPlanned = [...now.keys()].filter((caseId) => !fixed.has(caseId)).length;
console.log(
  `re-plan at 10:00 (seed ${SEED}): ${VISITS} visits, ${TEAMS} teams, 2 teams out -> kept ${keptFixed} done or under way, ` +
    `${stillPlanned} re-planned (${moved} moved to another team, ${movedFromDropped} of them from the teams out; ` +
    `${unplannedNow} no longer planned), ` +
    `${replanMs} ms CPU (target <= 2000), ${valid ? 'valid' : `INVALID ${problems.slice(0, 5).join('; ')}`}`,
);
if (!valid || replanMs > 2000) process.exitCode = 1;

mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/replan.json',
  `${JSON.stringify({ visits: VISITS, teams: TEAMS, replanMs, moved, keptFixed, valid, movedFromDropped, unplanned: unplannedNow, droppedAgents: dropped as AgentId[] }, null, 2)}\n`,
);
