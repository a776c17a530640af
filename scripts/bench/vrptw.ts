/**
 * Solomon VRPTW benchmark: solves each instance on one core within a time limit, validates every solution
 * with the independent checker and compares with the best known solutions.
 *
 *   npx tsx scripts/bench/vrptw.ts --time-limit 2 --objective distance --set 100 [--only C101,R205] [--seed 1]
 *   npx tsx scripts/bench/vrptw.ts --iterations 20000 --objective distance --set 100
 *
 * `--iterations` caps every instance at a number of iterations instead of a time: the solutions are then
 * the same on any machine under any load, and the CPU seconds (`process.cpuUsage`) compare solver
 * versions like with like on a shared machine. Writes bench-results/vrptw.json; exits non-zero when any
 * solution is invalid.
 *
 *   npx tsx scripts/bench/vrptw.ts --city
 *
 * Plans a synthetic Shenzhen day (160 visits, 20 agents) and fails unless it is valid and takes < 2 s CPU.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cityDayInstance, type Objective, parseSolomon, planCityDay, solve } from '@doorstep/vrptw';
import { syntheticCityDay } from '@doorstep/vrptw/testing';
import { checkSolution } from '@doorstep/vrptw-checker';

/** The shared benchmark data sits beside the repository (`../shared` from its root), wherever it is checked out. */
const SOLOMON = fileURLToPath(new URL('../../../shared/benchmarks/solomon', import.meta.url));
const CLASSES = ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2'] as const;

// `pnpm bench:vrptw -- --time-limit 10` passes the `--` through, which parseArgs reads as "no options follow".
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    'time-limit': { type: 'string', default: '2' },
    iterations: { type: 'string' },
    objective: { type: 'string', default: 'distance' },
    set: { type: 'string', default: '100' },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    data: { type: 'string', default: process.env.SOLOMON_DIR ?? SOLOMON },
    out: { type: 'string', default: 'bench-results/vrptw.json' },
    city: { type: 'boolean', default: false },
  },
});

if (values.city) {
  cityDay();
  process.exit();
}

function cityDay(): void {
  const { visits, agents } = syntheticCityDay(160, 20, Number(values.seed));
  const cpu = process.cpuUsage();
  const plan = planCityDay(visits, agents, {
    seed: Number(values.seed),
    timeLimitMs: 1500,
    now: () => performance.now(),
  });
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  const { instance } = cityDayInstance(visits, agents);
  const visitIndex = new Map(visits.map((visit, i) => [visit.id, i]));
  const report = checkSolution(instance, {
    routes: plan.routes.map((route) => ({
      vehicle: agents.findIndex((agent) => agent.id === route.agentId),
      visits: route.stops.map((stop) => visitIndex.get(stop.visitId)!),
    })),
    unassigned: plan.unassigned.map(({ visitId }) => ({ visit: visitIndex.get(visitId)! })),
    distance: plan.distanceMeters,
  });
  const reasons: Record<string, number> = {};
  for (const { reason } of plan.unassigned) reasons[reason] = (reasons[reason] ?? 0) + 1;
  console.log(
    `city day: ${visits.length} visits, ${agents.length} agents -> ${plan.routes.length} routes, ` +
      `${visits.length - plan.unassigned.length} served, ${(plan.distanceMeters / 1000).toFixed(1)} km, ` +
      `unassigned ${JSON.stringify(reasons)}, ` +
      `${seconds.toFixed(2)} s CPU, ${report.valid ? 'valid' : `INVALID ${JSON.stringify(report.violations.slice(0, 3))}`}`,
  );
  if (!report.valid || seconds >= 2) process.exitCode = 1;
}

const objective = values.objective as Objective;
if (objective !== 'distance' && objective !== 'hierarchical')
  throw new Error('--objective distance|hierarchical');
const maxIterations = values.iterations === undefined ? undefined : Number(values.iterations);
const timeLimitSeconds = maxIterations === undefined ? Number(values['time-limit']) : null;
const set = values.set;
if (!['25', '50', '100'].includes(set)) throw new Error('--set 25|50|100');

interface Bks {
  readonly vehicles: number;
  readonly distance: number;
}

/** The 25/50 rows of the hierarchical table and the .trunc1 rows use other conventions: keyed apart. */
function readBks(file: string): Map<string, Bks> {
  const rows = readFileSync(join(values.data, file), 'utf8').trim().split('\n').slice(1);
  return new Map(
    rows.map((row) => {
      const [instance, vehicles, distance] = row.split(',');
      return [instance!, { vehicles: Number(vehicles), distance: Number(distance) }];
    }),
  );
}

const bks = readBks(objective === 'distance' ? 'bks_distance.csv' : 'bks_hierarchical.csv');
const dir = join(values.data, `solomon_${set}`);
const only = values.only?.split(',');
const names = readdirSync(dir)
  .filter((file) => file.endsWith('.txt'))
  .map((file) => file.replace(/\.txt$/, ''))
  .filter((name) => !only || only.includes(name))
  .sort();

interface Row {
  readonly name: string;
  readonly valid: boolean;
  readonly vehicles: number;
  readonly distance: number;
  readonly bksVehicles: number | null;
  readonly bksDistance: number | null;
  readonly gapPercent: number | null;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly iterations: number;
  readonly routes: number[][];
}

const classOf = (name: string): string => name.replace(/\d{2}$/, '');
const rows: Row[] = [];
for (const name of names) {
  const instance = parseSolomon(readFileSync(join(dir, `${name}.txt`), 'utf8'));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const solution = solve(
    instance,
    timeLimitSeconds === null
      ? { objective, seed: Number(values.seed), maxIterations }
      : {
          objective,
          seed: Number(values.seed),
          timeLimitMs: timeLimitSeconds * 1000,
          now: () => performance.now(),
        },
  );
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const seconds = (performance.now() - started) / 1000;
  const report = checkSolution(instance, solution, { requireAll: true });
  const best = set === '100' ? bks.get(name) : undefined;
  const gapPercent = best ? ((report.distance - best.distance) / best.distance) * 100 : null;
  const row: Row = {
    name,
    valid: report.valid,
    vehicles: report.vehicles,
    distance: report.distance,
    bksVehicles: best?.vehicles ?? null,
    bksDistance: best?.distance ?? null,
    gapPercent,
    seconds,
    cpuSeconds,
    iterations: solution.iterations,
    routes: solution.routes.map((route) => route.visits.map((v) => Number(instance.visits[v]!.id))),
  };
  rows.push(row);
  const gap = gapPercent === null ? '' : `gap ${gapPercent.toFixed(2)}%`;
  const verdict = report.valid ? '' : ` INVALID ${JSON.stringify(report.violations.slice(0, 3))}`;
  console.log(
    `${name.padEnd(6)} ${String(row.vehicles).padStart(3)} veh ${row.distance.toFixed(2).padStart(9)}` +
      ` bks ${best ? `${best.vehicles}/${best.distance}` : '-'} ${gap} ${seconds.toFixed(2)}s` +
      ` (${cpuSeconds.toFixed(2)}s CPU)` +
      ` ${row.iterations} it${verdict}`,
  );
}

interface Summary {
  readonly instances: number;
  readonly valid: number;
  readonly vehicles: number;
  readonly bksVehicles: number;
  readonly meanGapPercent: number | null;
  /** Hierarchical only: mean gap over the instances solved with the best known vehicle count. */
  readonly meanGapAtBksVehiclesPercent: number | null;
  readonly atBksVehicles: number;
  readonly cpuSeconds: number;
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;

function summarise(group: readonly Row[]): Summary {
  const atBks = group.filter((r) => r.bksVehicles !== null && r.vehicles <= r.bksVehicles);
  return {
    instances: group.length,
    valid: group.filter((r) => r.valid).length,
    vehicles: group.reduce((s, r) => s + r.vehicles, 0),
    bksVehicles: group.reduce((s, r) => s + (r.bksVehicles ?? 0), 0),
    meanGapPercent: mean(group.flatMap((r) => (r.gapPercent === null ? [] : [r.gapPercent]))),
    meanGapAtBksVehiclesPercent: mean(atBks.flatMap((r) => (r.gapPercent === null ? [] : [r.gapPercent]))),
    atBksVehicles: atBks.length,
    cpuSeconds: group.reduce((s, r) => s + r.cpuSeconds, 0),
  };
}

const summary: Record<string, Summary> = {};
for (const cls of CLASSES) {
  const group = rows.filter((r) => classOf(r.name) === cls);
  if (group.length > 0) summary[cls] = summarise(group);
}
summary.overall = summarise(rows);

mkdirSync(join(values.out, '..'), { recursive: true });
writeFileSync(
  values.out,
  `${JSON.stringify({ objective, timeLimitSeconds, maxIterations: maxIterations ?? null, set: Number(set), seed: Number(values.seed), instances: rows, summary }, null, 2)}\n`,
);
for (const [cls, s] of Object.entries(summary)) {
  const gap = s.meanGapPercent === null ? '-' : `${s.meanGapPercent.toFixed(2)}%`;
  const atBks = s.meanGapAtBksVehiclesPercent === null ? '-' : `${s.meanGapAtBksVehiclesPercent.toFixed(2)}%`;
  console.log(
    `${cls.padEnd(8)} valid ${s.valid}/${s.instances} vehicles ${s.vehicles} (bks ${s.bksVehicles})` +
      ` mean gap ${gap}; at bks vehicles ${s.atBksVehicles}: ${atBks}; ${s.cpuSeconds.toFixed(1)} s CPU`,
  );
}
if (summary.overall.valid !== rows.length) {
  console.error(`${rows.length - summary.overall.valid} invalid solution(s)`);
  process.exitCode = 1;
}
