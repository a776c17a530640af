import { insertAt, type Journal, type Plan, refresh, workOf } from './plan';
import { nextStart, type Problem } from './problem';
import type { Rng } from './rng';

/**
 * Slack Induction by String Removals (Christiaens & Vanden Berghe, 2020): remove a few strings of
 * consecutive visits from routes close to a random seed visit, then reinsert greedily with "blinks".
 * Removing neighbouring strings opens slack in several routes at the same place, which is what lets the
 * greedy insertion find better combinations.
 */
export interface SisrParameters {
  /** Mean number of visits removed per ruin. */
  readonly meanRemoved: number;
  readonly maxStringLength: number;
  /** Probability of the split-string variant, which keeps a run of visits inside the removed string. */
  readonly splitRate: number;
  /** Probability of keeping one more visit in a split string. */
  readonly splitDepth: number;
  /** Probability of skipping an insertion position, a cheap diversification of the greedy insertion. */
  readonly blinkRate: number;
}

export const defaultSisr: SisrParameters = {
  meanRemoved: 10,
  maxStringLength: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  blinkRate: 0.01,
};

export class Sisr {
  private readonly ruined: Uint8Array;
  private readonly classStamp: Int32Array;
  private stamp = 0;
  private readonly sortKey: Float64Array;

  constructor(
    private readonly p: Problem,
    private readonly rng: Rng,
    private readonly params: SisrParameters = defaultSisr,
  ) {
    this.ruined = new Uint8Array(p.vehicleCount);
    this.classStamp = new Int32Array(p.classCount);
    this.sortKey = new Float64Array(p.visitCount);
    this.work = new Float64Array(p.vehicleCount);
  }

  ruin(plan: Plan, journal: Journal): void {
    const { p, rng, params } = this;
    let served = 0;
    let used = 0;
    for (const route of plan.routes) {
      if (route.visits.length === 0) continue;
      served += route.visits.length;
      used++;
    }
    if (served === 0) return;
    const maxLength = Math.min(params.maxStringLength, served / used);
    const maxStrings = (4 * params.meanRemoved) / (1 + maxLength) - 1;
    const strings = Math.floor(rng() * maxStrings) + 1;

    let seed = Math.floor(rng() * p.visitCount);
    while (plan.routeOf[seed] === -1) seed = (seed + 1) % p.visitCount;
    this.ruined.fill(0);
    let removed = 0;
    const row = seed * p.visitCount;
    for (let i = 0; i < p.visitCount && removed < strings; i++) {
      const c = p.neighbours[row + i]!;
      const r = plan.routeOf[c]!;
      if (r === -1 || this.ruined[r]) continue;
      this.ruined[r] = 1;
      removed++;
      journal.touch(plan, r);
      const route = plan.routes[r]!;
      const size = route.visits.length;
      const length = Math.floor(rng() * Math.min(size, maxLength)) + 1;
      const position = route.visits.indexOf(c);
      if (length < size && rng() < params.splitRate) this.removeSplitString(plan, r, position, length);
      else this.removeString(plan, r, position, length);
      refresh(p, plan, r);
    }
  }

  private removeString(plan: Plan, r: number, position: number, length: number): void {
    const visits = plan.routes[r]!.visits;
    const first = this.firstOfWindow(position, length, visits.length);
    for (const v of visits.splice(first, length)) this.unassign(plan, v);
  }

  private removeSplitString(plan: Plan, r: number, position: number, length: number): void {
    const visits = plan.routes[r]!.visits;
    let kept = 1;
    while (length + kept < visits.length && this.rng() > this.params.splitDepth) kept++;
    const span = length + kept;
    const first = this.firstOfWindow(position, span, visits.length);
    const keepFrom = first + Math.floor(this.rng() * (length + 1));
    const window = visits.splice(first, span);
    const keep = window.splice(keepFrom - first, kept);
    visits.splice(first, 0, ...keep);
    for (const v of window) this.unassign(plan, v);
  }

  /** A random start for a window of `span` visits that contains `position`. */
  private firstOfWindow(position: number, span: number, size: number): number {
    const lowest = Math.max(0, position - span + 1);
    const highest = Math.min(position, size - span);
    return lowest + Math.floor(this.rng() * (highest - lowest + 1));
  }

  private unassign(plan: Plan, v: number): void {
    plan.routeOf[v] = -1;
    plan.unassigned.push(v);
  }

  /** Orders the unassigned visits by one of SISR's criteria, chosen at random with its weights. */
  sortUnassigned(plan: Plan): void {
    const { p, rng, sortKey } = this;
    const pick = rng() * 13;
    for (const v of plan.unassigned) {
      if (pick < 4) sortKey[v] = rng();
      else if (pick < 8) sortKey[v] = -p.demand[v]!;
      else if (pick < 10) sortKey[v] = -p.depotDistance[v]!;
      else if (pick < 11) sortKey[v] = p.depotDistance[v]!;
      else {
        const first = p.twOffset[v]!;
        sortKey[v] = pick < 12 ? p.twEnd[p.twOffset[v + 1]! - 1]! - p.twStart[first]! : p.twStart[first]!;
      }
      // Higher priority first whatever the criterion: it must win the scarce room.
      sortKey[v]! -= p.unservedCost[v]!;
    }
    plan.unassigned.sort((a, b) => sortKey[a]! - sortKey[b]!);
  }

  private readonly work: Float64Array;
  private meanWork = 0;

  /** Each route's work in the balance measure and their mean, as the next insertion finds them. */
  private weighWork(plan: Plan): void {
    let total = 0;
    for (let r = 0; r < plan.routes.length; r++) {
      this.work[r] = workOf(this.p, plan.routes[r]!);
      total += this.work[r]!;
    }
    this.meanWork = total / Math.max(1, plan.routes.length);
  }

  /**
   * What inserting `u` into route r does to the balance term, to first order: the work it adds moves
   * the route away from the mean when it is at or above it, towards it when below. Travel is left to the
   * annealing's exact cost; the insertion only needs to see which routes are light.
   */
  private balanceCost(u: number, r: number): number {
    const { p } = this;
    const added = p.balanceMeasure === 1 ? 1 : p.service[u]!;
    const side = this.work[r]! + added / 2 >= this.meanWork ? 1 : -1;
    return side * added * p.balanceWeight;
  }

  /**
   * Inserts each unassigned visit at its cheapest feasible position. Empty routes are opened only when
   * `allowNew`, and then at `newRouteCost` on top of the distance.
   */
  recreate(plan: Plan, journal: Journal, allowNew: boolean, newRouteCost: number): void {
    const { p, rng } = this;
    const blink = this.params.blinkRate;
    const { dist, time, size, vehicleCount } = p;
    const pending = plan.unassigned;
    const balancing = p.balanceMeasure !== 0;
    plan.unassigned = [];
    for (const u of pending) {
      if (balancing) this.weighWork(plan);
      const lu = p.loc[u]!;
      const demand = p.demand[u]!;
      const service = p.service[u]!;
      const single = p.twOffset[u + 1]! - p.twOffset[u]! === 1;
      const ws = p.twStart[p.twOffset[u]!]!;
      const we = p.twEnd[p.twOffset[u]!]!;
      const preferred = p.preferred[u]!;
      let best = Number.POSITIVE_INFINITY;
      let bestRoute = -1;
      let bestPosition = -1;
      this.stamp++;
      for (let r = 0; r < plan.routes.length; r++) {
        const route = plan.routes[r]!;
        const k = route.vehicle;
        if (!p.compatible[u * vehicleCount + k] || route.load + demand > p.capacity[k]!) continue;
        const m = route.visits.length;
        let base = preferred !== -1 && preferred !== k ? p.reassignmentCost : 0;
        if (balancing) base += this.balanceCost(u, r);
        if (m === 0) {
          const cls = p.vehicleClass[k]!;
          if (!allowNew || this.classStamp[cls] === this.stamp) continue;
          this.classStamp[cls] = this.stamp;
          base += newRouteCost - dist[route.loc[0]! * size + route.loc[1]!]!;
        }
        const { loc, early, late, svc } = route;
        for (let i = 1; i <= m + 1; i++) {
          const a = loc[i - 1]!;
          const b = loc[i]!;
          const delta = base + dist[a * size + lu]! + dist[lu * size + b]! - dist[a * size + b]!;
          if (delta >= best) continue;
          const arrival = early[i - 1]! + svc[i - 1]! + time[a * size + lu]!;
          let start: number;
          if (single) {
            if (arrival > we) continue;
            start = Math.max(arrival, ws);
          } else {
            start = nextStart(p, u, arrival);
            if (start === Number.POSITIVE_INFINITY) continue;
          }
          if (start + service + time[lu * size + b]! > late[i]!) continue;
          if (rng() < blink) continue;
          best = delta;
          bestRoute = r;
          bestPosition = i - 1;
        }
      }
      if (bestRoute === -1) {
        plan.unassigned.push(u);
        continue;
      }
      journal.touch(plan, bestRoute);
      insertAt(p, plan, bestRoute, bestPosition, u);
    }
  }
}
