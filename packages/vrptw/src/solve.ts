import { descend } from './local-search';
import type { InitialRoute, Instance, PlannedRoute, Solution, SolveOptions } from './model';
import {
  cost,
  emptyPlan,
  Journal,
  type Plan,
  refresh,
  restore,
  type Snapshot,
  snapshot,
  usedRoutes,
} from './plan';
import { compile, type Problem } from './problem';
import { createRng, type Rng } from './rng';
import { Sisr } from './sisr';

export interface SearchParameters {
  /** Annealing temperatures in multiples of the mean distance between neighbouring visits. */
  readonly initialTemperature: number;
  readonly finalTemperature: number;
  /**
   * Start of the hierarchical objective's last annealing, on the fleet fixed at its minimum. Hotter than
   * `initialTemperature` because few, full routes only reorganise through long detours; on the 19
   * R2/RC2 instances at 250,000 iterations (seeds 1 and 2) the mean gap was 1.78%/2.46% from 3, 1.62%/2.19%
   * from 6, 1.79% (seed 1) from 12 and 2.65% from 1.
   */
  readonly fixedFleetInitialTemperature: number;
  /**
   * The fixed-fleet annealing is split into this many independent runs from the end of route removal,
   * each with its own share of the budget and full cooling schedule, and the best is kept: a run that
   * freezes in a poor basin lands anywhere from 0% to 10% above the best known, and runs differ far more
   * than parameter variants do. On R109, R110, R207, R211, RC202 and RC207 at 600,000 iterations (seeds
   * 1–3, the 13 runs at the best known fleet) the mean gap was 5.48% with 1 run, 5.05% with 2, 4.95% with 3.
   */
  readonly fixedFleetRestarts: number;
  /**
   * The hierarchical objective first anneals distance alone up to this share of the budget: a short
   * solution is a better start for removing routes than the greedy one, and often already has few.
   */
  readonly distanceFirstShare: number;
  /** Share of the budget by which the hierarchical objective stops removing routes, to polish distance. */
  readonly routeMinimisationShare: number;
  /** Route removal gives up after this share of the budget without removing a route. */
  readonly routeMinimisationPatience: number;
}

export const defaultSearch: SearchParameters = {
  initialTemperature: 3,
  finalTemperature: 0.01,
  fixedFleetInitialTemperature: 6,
  fixedFleetRestarts: 3,
  distanceFirstShare: 0.3,
  routeMinimisationShare: 0.75,
  routeMinimisationPatience: 0.3,
};

const DEFAULT_ITERATIONS = 20_000;

/** Progress through the budget in [0, 1], whichever of iterations or time runs out first. */
class Budget {
  private readonly started: number;
  iterations = 0;

  constructor(private readonly options: SolveOptions) {
    if (options.timeLimitMs !== undefined && !options.now) {
      throw new TypeError('timeLimitMs needs a now() clock');
    }
    this.started = options.now?.() ?? 0;
  }

  progress(): number {
    const { maxIterations, timeLimitMs, now } = this.options;
    let done = 0;
    if (maxIterations !== undefined || timeLimitMs === undefined) {
      done = this.iterations / (maxIterations ?? DEFAULT_ITERATIONS);
    }
    if (timeLimitMs !== undefined && now) done = Math.max(done, (now() - this.started) / timeLimitMs);
    return done;
  }
}

/**
 * Plans routes for an instance: greedy construction, then SISR ruin-and-recreate under simulated
 * annealing; for the hierarchical objective a route-removal phase comes first. A local-search descent
 * (2-opt* and segment relocation) finishes the best plan.
 *
 * @example
 * const solution = solve(parseSolomon(text), { objective: 'distance', timeLimitMs: 2000, now: () => performance.now() });
 */
export function solve(
  instance: Instance,
  options: SolveOptions = {},
  search: SearchParameters = defaultSearch,
): Solution {
  const p = compile(instance, options);
  const rng = createRng(options.seed ?? 1);
  const budget = new Budget(options);
  const sisr = new Sisr(p, rng);
  const journal = new Journal(p.vehicleCount);
  const plan = emptyPlan(p);
  const hierarchical = options.objective === 'hierarchical';

  startFrom(p, plan, options.initial ?? []);
  sisr.sortUnassigned(plan);
  sisr.recreate(plan, journal, true, hierarchical ? p.vehicleCost : 0);

  if (hierarchical) {
    anneal(
      p,
      plan,
      sisr,
      journal,
      budget,
      rng,
      search,
      true,
      search.distanceFirstShare,
      search.initialTemperature,
    );
    minimiseRoutes(p, plan, sisr, journal, budget, search);
    annealFixedFleet(p, plan, sisr, journal, budget, rng, search);
  } else {
    anneal(p, plan, sisr, journal, budget, rng, search, true, 1, search.initialTemperature);
  }
  finalDescent(p, plan);
  return solutionOf(p, plan, budget.iterations);
}

/**
 * Puts the initial routes in place, each visit only where its vehicle may serve it (`refresh` drops the
 * ones the schedule no longer reaches), and every other servable visit in the pool.
 */
function startFrom(p: Problem, plan: Plan, initial: readonly InitialRoute[]): void {
  for (const { vehicle, visits } of initial) {
    const route = plan.routes[vehicle];
    if (!route) continue;
    route.visits = visits.filter(
      (v) =>
        p.blocked[v] === null && p.compatible[v * p.vehicleCount + vehicle] === 1 && plan.routeOf[v] === -1,
    );
    for (const v of route.visits) plan.routeOf[v] = vehicle;
    refresh(p, plan, vehicle);
  }
  plan.unassigned = [];
  for (let v = 0; v < p.visitCount; v++) {
    if (plan.routeOf[v] === -1 && p.blocked[v] === null) plan.unassigned.push(v);
  }
}

/**
 * The descent shortens distance alone; with balance or reassignment costs it may trade them away, so
 * its result is kept only when the whole cost did not rise.
 */
function finalDescent(p: Problem, plan: Plan): void {
  if (p.balanceMeasure === 0 && p.reassignmentCost === 0) {
    descend(p, plan);
    return;
  }
  const before = snapshot(plan);
  const beforeCost = cost(p, plan);
  descend(p, plan);
  if (cost(p, plan) > beforeCost) restore(p, plan, before);
}

function unservedCost(p: Problem, plan: Plan): number {
  let total = 0;
  for (const v of plan.unassigned) total += p.unservedCost[v]!;
  return total;
}

/**
 * Empties the smallest route and tries to place its visits elsewhere (SISR's fleet minimisation). A move
 * is accepted when it leaves less priority unserved or visits that were left out less often before, so
 * the hard-to-place visits get inserted first and routes are rebuilt around them.
 */
function minimiseRoutes(
  p: Problem,
  plan: Plan,
  sisr: Sisr,
  journal: Journal,
  budget: Budget,
  search: SearchParameters,
): void {
  const absences = new Float64Array(p.visitCount);
  const target = unservedCost(p, plan);
  let best: Snapshot = snapshot(plan);
  let removedAt = budget.progress();
  const sumAbsences = (visits: readonly number[]): number => visits.reduce((s, v) => s + absences[v]!, 0);
  for (
    let progress = removedAt;
    progress < search.routeMinimisationShare && progress - removedAt < search.routeMinimisationPatience;
    progress = budget.progress()
  ) {
    if (unservedCost(p, plan) <= target) {
      best = snapshot(plan);
      removedAt = progress;
      if (usedRoutes(plan) <= 1) break;
      emptySmallestRoute(p, plan);
    }
    const before = unservedCost(p, plan);
    const beforeAbsences = sumAbsences(plan.unassigned);
    journal.begin(plan);
    sisr.ruin(plan, journal);
    sisr.sortUnassigned(plan);
    sisr.recreate(plan, journal, false, 0);
    budget.iterations++;
    const after = unservedCost(p, plan);
    const accept = after < before || (after === before && sumAbsences(plan.unassigned) < beforeAbsences);
    for (const v of plan.unassigned) absences[v]!++;
    if (!accept) journal.rollback(plan);
  }
  restore(p, plan, best);
}

function emptySmallestRoute(p: Problem, plan: Plan): void {
  let smallest = -1;
  plan.routes.forEach((route, r) => {
    const size = route.visits.length;
    if (size > 0 && (smallest === -1 || size < plan.routes[smallest]!.visits.length)) smallest = r;
  });
  const route = plan.routes[smallest]!;
  for (const v of route.visits) {
    plan.routeOf[v] = -1;
    plan.unassigned.push(v);
  }
  route.visits = [];
  refresh(p, plan, smallest);
}

/**
 * Anneals distance on the fleet left by route removal in `fixedFleetRestarts` independent runs, each from
 * the same start over an equal share of the remaining budget, and keeps the cheapest. The runs draw on
 * the shared generator one after another, so each sees different random numbers and the whole stays
 * reproducible for a seed.
 */
function annealFixedFleet(
  p: Problem,
  plan: Plan,
  sisr: Sisr,
  journal: Journal,
  budget: Budget,
  rng: Rng,
  search: SearchParameters,
): void {
  const start = snapshot(plan);
  const from = budget.progress();
  let best = start;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let run = 1; run <= search.fixedFleetRestarts; run++) {
    restore(p, plan, start);
    const until = from + ((1 - from) * run) / search.fixedFleetRestarts;
    anneal(p, plan, sisr, journal, budget, rng, search, false, until, search.fixedFleetInitialTemperature);
    const runCost = cost(p, plan);
    if (runCost < bestCost) {
      bestCost = runCost;
      best = snapshot(plan);
    }
  }
  restore(p, plan, best);
}

function anneal(
  p: Problem,
  plan: Plan,
  sisr: Sisr,
  journal: Journal,
  budget: Budget,
  rng: Rng,
  search: SearchParameters,
  allowNew: boolean,
  until: number,
  initialTemperature: number,
): void {
  const start = budget.progress();
  const hot = initialTemperature * p.arcScale;
  const cold = search.finalTemperature * p.arcScale;
  let current = cost(p, plan);
  let best = current;
  let bestPlan = snapshot(plan);
  for (let progress = start; progress < until; progress = budget.progress()) {
    const temperature = hot * (cold / hot) ** ((progress - start) / (until - start));
    journal.begin(plan);
    sisr.ruin(plan, journal);
    sisr.sortUnassigned(plan);
    sisr.recreate(plan, journal, allowNew, 0);
    budget.iterations++;
    const candidate = cost(p, plan);
    if (candidate < current - temperature * Math.log(rng())) {
      current = candidate;
      if (current < best) {
        best = current;
        bestPlan = snapshot(plan);
      }
    } else {
      journal.rollback(plan);
    }
  }
  restore(p, plan, bestPlan);
}

function solutionOf(p: Problem, plan: Plan, iterations: number): Solution {
  const routes: PlannedRoute[] = [];
  let distance = 0;
  for (const route of plan.routes) {
    const m = route.visits.length;
    if (m === 0) continue;
    routes.push({
      vehicle: route.vehicle,
      visits: route.visits.slice(),
      starts: route.early.slice(1, m + 1),
      departure: departureOf(p, route.vehicle, route.loc[1]!, route.early[1]!),
      arrival: route.early[m + 1]!,
      distance: route.distance,
    });
    distance += route.distance;
  }
  const unassigned = [];
  for (let v = 0; v < p.visitCount; v++) {
    if (plan.routeOf[v] === -1) unassigned.push({ visit: v, reason: p.blocked[v] ?? ('no-room' as const) });
  }
  return { routes, unassigned, distance, vehicles: routes.length, iterations };
}

/** Leave as late as still reaches the first visit at its start: agents do not wait at the door. */
function departureOf(p: Problem, vehicle: number, firstLoc: number, firstStart: number): number {
  return Math.max(p.shiftStart[vehicle]!, firstStart - p.time[p.startLoc[vehicle]! * p.size + firstLoc]!);
}
