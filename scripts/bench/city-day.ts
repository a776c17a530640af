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
import { instantiatePolicy, type PlanningProposal } from '@doorstep/core';
import { routeOptimised } from '@doorstep/planning';
import { shenzhenDay } from './shenzhen-day';

const VISITS = 160;
const AGENTS = 20;
const SEED = Number(process.argv[2] ?? 1);
const input = shenzhenDay(SEED, { visits: VISITS, teams: AGENTS });
const { agents, candidates } = input;

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
