/**
 * Plans one field day in Shenzhen through the route-optimised planning plugin and reports the CPU it
 * took. Target: 160 visits for 20 agents in under 2 s CPU.
 *
 *   npx tsx scripts/bench/city-day.ts [seed]
 *
 * Input generation is not timed; the plugin's create() and plan() are, cold, as a host would run them
 * once per day. The plugin runs with its default options (iteration-capped, no clock), so the plan and
 * the number of visits planned are the same on every machine; only the CPU time varies.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  type AgentId,
  type CaseId,
  instantiatePolicy,
  type PlanningInput,
  type PlanningProposal,
} from '@doorstep/core';
import { routeOptimised } from '@doorstep/planning';
import { aTenant, seededRandom } from '@doorstep/testkit';

const VISITS = 160;
const AGENTS = 20;
const SEED = Number(process.argv[2] ?? 1);
const DATE = '2026-11-30';
const random = seededRandom(SEED);

// Shenzhen is UTC+8 all year: local hour h on DATE is h - 8 UTC.
const at = (localHour: number) =>
  new Date(Date.UTC(2026, 10, 30) + (localHour - 8) * 3_600_000).toISOString();

// District centres; homes scatter ~3 km around them, all inside 22.5–22.75 N, 113.85–114.35 E.
const DISTRICTS = [
  { name: 'Futian', lat: 22.54, lon: 114.06 },
  { name: 'Luohu', lat: 22.55, lon: 114.13 },
  { name: 'Nanshan', lat: 22.53, lon: 113.93 },
  { name: "Bao'an", lat: 22.58, lon: 113.88 },
  { name: 'Longhua', lat: 22.66, lon: 114.03 },
  { name: 'Longgang', lat: 22.71, lon: 114.25 },
  { name: 'Yantian', lat: 22.57, lon: 114.24 },
  { name: 'Guangming', lat: 22.74, lon: 113.93 },
] as const;
const somewhere = () => {
  const d = random.pick(DISTRICTS);
  return { lat: d.lat + (random.next() - 0.5) * 0.05, lon: d.lon + (random.next() - 0.5) * 0.05 };
};

/**
 * Compliance allows 08:00–22:00 local (China, no consent for night contact); the customer's own
 * constraints cut it: office hours for those at work, or one random busy stretch.
 */
const allowedWindows = (): PlanningInput['candidates'][number]['windows'] => {
  const shape = random.next();
  const busy: [number, number] = shape < 0.4 ? [9, 18] : [10 + random.int(0, 8), 0];
  if (shape >= 0.4) busy[1] = busy[0] + random.int(1, 3);
  return [
    { start: at(8), end: at(busy[0]) },
    { start: at(busy[1]), end: at(22) },
  ];
};

const candidates: PlanningInput['candidates'] = Array.from({ length: VISITS }, (_, i) => ({
  caseId: `case_${String(i).padStart(4, '0')}` as CaseId,
  priority: Math.round(random.logNormal(40, 0.5)),
  location: somewhere(),
  windows: allowedWindows(),
  durationMinutes: random.int(20, 45),
  // China: field visits by at least two staff.
  staffNeeded: 2,
  skills: random.bool(0.1) ? ['legal'] : [],
  language: random.bool(0.2) ? 'yue' : 'zh',
}));

const agents: PlanningInput['agents'] = Array.from({ length: AGENTS }, (_, i) => {
  // Half the teams work late: customers at work can only be met after 18:00.
  const late = i % 2 === 1;
  return {
    agentId: `agt_${String(i).padStart(2, '0')}` as AgentId,
    base: somewhere(),
    maxVisits: 9,
    shift: late ? { start: at(12), end: at(21.5) } : { start: at(8.5), end: at(18) },
    staff: 2,
    skills: random.bool(0.3) ? ['legal'] : [],
    languages: random.bool(0.4) ? ['zh', 'yue'] : ['zh'],
  };
});

const input: PlanningInput = {
  now: at(6),
  tenant: aTenant({ timeZone: 'Asia/Shanghai' }),
  date: DATE,
  agents,
  candidates,
};

/** The invariants a host relies on; a plan that breaks one fails the bench whatever its speed. */
const violations = (proposal: PlanningProposal): string[] => {
  const problems: string[] = [];
  const candidateOf = new Map(candidates.map((c) => [c.caseId, c]));
  const agentOf = new Map(agents.map((a) => [a.agentId, a]));
  const inside = (s: string, e: string, w: { start: string; end: string }) =>
    Date.parse(w.start) <= Date.parse(s) && Date.parse(e) <= Date.parse(w.end);
  for (const route of proposal.routes) {
    const agent = agentOf.get(route.agentIds[0]!)!;
    for (const { caseId, window } of route.stops) {
      const c = candidateOf.get(caseId)!;
      if (!c.windows.some((w) => inside(window.start, window.end, w)))
        problems.push(`${caseId} outside its windows`);
      if (!inside(window.start, window.end, agent.shift!))
        problems.push(`${caseId} outside ${agent.agentId}'s shift`);
    }
  }
  const seen = [
    ...proposal.routes.flatMap((r) => r.stops.map((s) => s.caseId)),
    ...proposal.unplanned.map((u) => u.caseId),
  ];
  if (new Set(seen).size !== VISITS || seen.length !== VISITS) problems.push('cases lost or duplicated');
  return problems;
};

const cpu = process.cpuUsage();
const planner = instantiatePolicy(routeOptimised);
if (!planner.ok) throw new Error(JSON.stringify(planner.error));
const proposal = planner.value.fns.plan(input);
const used = process.cpuUsage(cpu);
const cpuMs = Math.round((used.user + used.system) / 1000);

const planned = proposal.routes.reduce((n, r) => n + r.stops.length, 0);
const unplannedBy: Record<string, number> = {};
for (const u of proposal.unplanned) {
  const code = u.reasons[0]!.code;
  unplannedBy[code] = (unplannedBy[code] ?? 0) + 1;
}
const problems = violations(proposal);
console.log(
  `city day (seed ${SEED}): ${VISITS} visits, ${AGENTS} agents -> ${planned} planned on ${proposal.routes.length} routes, ` +
    `unplanned ${JSON.stringify(unplannedBy)}, ${cpuMs} ms CPU (target < 2000), ` +
    (problems.length === 0 ? 'valid' : `INVALID ${problems.slice(0, 3).join('; ')}`),
);
if (problems.length > 0 || cpuMs >= 2000) process.exitCode = 1;

mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/city-day.json',
  `${JSON.stringify({ visits: VISITS, agents: AGENTS, planned, cpuMs }, null, 2)}\n`,
);
