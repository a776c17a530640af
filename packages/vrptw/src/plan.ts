import { latestStart, nextStart, type Problem } from './problem';

/**
 * One vehicle's route with its schedule. Position 0 is the start depot, 1..m the visits, m+1 the end
 * depot. `early[i]` is the earliest service start at position i (departure for the depot) and `late[i]`
 * the latest start that still lets the rest of the route finish in time: an insertion between i-1 and i
 * is feasible exactly when the new arrival at i is at most `late[i]`, since waiting is allowed and an
 * earlier start never hurts. That makes every insertion test O(1), with any number of windows per visit.
 */
export interface Route {
  readonly vehicle: number;
  visits: number[];
  loc: number[];
  early: number[];
  late: number[];
  svc: number[];
  load: number;
  distance: number;
}

export interface Plan {
  readonly routes: Route[];
  /** Route index per visit, -1 when unassigned. */
  readonly routeOf: Int32Array;
  unassigned: number[];
}

export function emptyPlan(p: Problem): Plan {
  const routes = Array.from({ length: p.vehicleCount }, (_, vehicle) => ({
    vehicle,
    visits: [],
    loc: [],
    early: [],
    late: [],
    svc: [],
    load: 0,
    distance: 0,
  }));
  routes.forEach((_, r) => {
    refresh(p, { routes, routeOf: new Int32Array(0), unassigned: [] }, r);
  });
  return { routes, routeOf: new Int32Array(p.visitCount).fill(-1), unassigned: [] };
}

/**
 * Recomputes a route's schedule after its visits changed. Visits that became unreachable are moved to the
 * unassigned list: with a travel matrix that breaks the triangle inequality even a removal can delay a
 * route, and dropping is the one answer that keeps every route feasible.
 */
export function refresh(p: Problem, plan: Plan, r: number): void {
  const route = plan.routes[r]!;
  const k = route.vehicle;
  const { visits, loc, early, late, svc } = route;
  const size = p.size;
  for (;;) {
    let kept = 0;
    let prev = p.startLoc[k]!;
    let t = p.shiftStart[k]!;
    let busy = 0;
    let distance = 0;
    let load = 0;
    loc[0] = prev;
    early[0] = t;
    svc[0] = 0;
    for (const v of visits) {
      const l = p.loc[v]!;
      const start = nextStart(p, v, t + busy + p.time[prev * size + l]!);
      if (start === Number.POSITIVE_INFINITY) {
        plan.unassigned.push(v);
        plan.routeOf[v] = -1;
        continue;
      }
      visits[kept++] = v;
      plan.routeOf[v] = r;
      loc[kept] = l;
      early[kept] = start;
      svc[kept] = p.service[v]!;
      distance += p.dist[prev * size + l]!;
      load += p.demand[v]!;
      prev = l;
      t = start;
      busy = p.service[v]!;
    }
    visits.length = kept;
    const end = p.endLoc[k]!;
    const arrival = t + busy + p.time[prev * size + end]!;
    if (kept > 0 && arrival > p.shiftEnd[k]!) {
      const last = visits.pop()!;
      plan.unassigned.push(last);
      plan.routeOf[last] = -1;
      continue;
    }
    loc[kept + 1] = end;
    early[kept + 1] = arrival;
    svc[kept + 1] = 0;
    late[kept + 1] = p.shiftEnd[k]!;
    for (let i = kept; i >= 1; i--) {
      late[i] = latestStart(
        p,
        visits[i - 1]!,
        late[i + 1]! - svc[i]! - p.time[loc[i]! * size + loc[i + 1]!]!,
      );
    }
    late[0] = late[1]! - p.time[loc[0]! * size + loc[1]!]!;
    loc.length = early.length = late.length = svc.length = kept + 2;
    route.load = load;
    route.distance = kept > 0 ? distance + p.dist[prev * size + end]! : 0;
    return;
  }
}

/**
 * Inserts visit `u` before position `index` of the visits (0-based) of a route, where the O(1) test found
 * it feasible. Only the starts after the insertion and the latest starts before it change, and each
 * propagation stops as soon as a value comes out unchanged.
 */
export function insertAt(p: Problem, plan: Plan, r: number, index: number, u: number): void {
  const route = plan.routes[r]!;
  const { visits, loc, early, late, svc } = route;
  const size = p.size;
  const at = index + 1;
  const lu = p.loc[u]!;
  const before = loc[at - 1]!;
  const after = loc[at]!;
  const wasEmpty = visits.length === 0;
  visits.splice(index, 0, u);
  loc.splice(at, 0, lu);
  svc.splice(at, 0, p.service[u]!);
  early.splice(at, 0, 0);
  late.splice(at, 0, 0);
  plan.routeOf[u] = r;
  route.load += p.demand[u]!;
  route.distance +=
    p.dist[before * size + lu]! +
    p.dist[lu * size + after]! -
    (wasEmpty ? 0 : p.dist[before * size + after]!);
  const last = visits.length + 1;
  for (let i = at; i < last; i++) {
    const start = nextStart(
      p,
      visits[i - 1]!,
      early[i - 1]! + svc[i - 1]! + p.time[loc[i - 1]! * size + loc[i]!]!,
    );
    if (i > at && start === early[i]) break;
    early[i] = start;
    if (i === last - 1) early[last] = start + svc[i]! + p.time[loc[i]! * size + loc[last]!]!;
  }
  for (let i = at; i >= 1; i--) {
    const latest = latestStart(
      p,
      visits[i - 1]!,
      late[i + 1]! - svc[i]! - p.time[loc[i]! * size + loc[i + 1]!]!,
    );
    if (i < at && latest === late[i]) return;
    late[i] = latest;
  }
  late[0] = late[1]! - p.time[loc[0]! * size + loc[1]!]!;
}

export function usedRoutes(plan: Plan): number {
  let used = 0;
  for (const route of plan.routes) if (route.visits.length > 0) used++;
  return used;
}

export function cost(p: Problem, plan: Plan): number {
  let total = 0;
  for (const route of plan.routes) total += route.distance;
  for (const v of plan.unassigned) total += p.unservedCost[v]!;
  if (p.reassignmentCost > 0) total += reassignments(p, plan) * p.reassignmentCost;
  if (p.balanceMeasure !== 0) total += imbalance(p, plan) * p.balanceWeight;
  return total;
}

/** Visits served by another vehicle than the one that had them in the plan in force. */
function reassignments(p: Problem, plan: Plan): number {
  let moved = 0;
  for (const route of plan.routes) {
    for (const v of route.visits) {
      const preferred = p.preferred[v]!;
      if (preferred !== -1 && preferred !== route.vehicle) moved++;
    }
  }
  return moved;
}

/** A route's work in the balance measure: its visits, or its service and travel time. */
export function workOf(p: Problem, route: Route): number {
  if (p.balanceMeasure === 1) return route.visits.length;
  const m = route.visits.length;
  if (m === 0) return 0;
  let work = 0;
  for (let i = 1; i <= m + 1; i++)
    work += route.svc[i - 1]! + p.time[route.loc[i - 1]! * p.size + route.loc[i]!]!;
  return work;
}

/** Sum over every vehicle of how far its work is from the mean: 0 when all carry the same. */
function imbalance(p: Problem, plan: Plan): number {
  const work = plan.routes.map((route) => workOf(p, route));
  const mean = work.reduce((s, w) => s + w, 0) / Math.max(1, work.length);
  return work.reduce((s, w) => s + Math.abs(w - mean), 0);
}

/** Visits per route and the unassigned list: enough to rebuild a plan. */
export interface Snapshot {
  readonly routes: readonly (readonly number[])[];
  readonly unassigned: readonly number[];
}

export function snapshot(plan: Plan): Snapshot {
  return { routes: plan.routes.map((route) => route.visits.slice()), unassigned: plan.unassigned.slice() };
}

export function restore(p: Problem, plan: Plan, from: Snapshot): void {
  plan.unassigned = from.unassigned.slice();
  for (const v of plan.unassigned) plan.routeOf[v] = -1;
  from.routes.forEach((visits, r) => {
    plan.routes[r]!.visits = visits.slice();
    refresh(p, plan, r);
  });
}

/**
 * Undo log for one ruin-and-recreate move: each route as it was before the move first touched it, so a
 * rejected move puts back only the routes it changed, without recomputing their schedules.
 */
export class Journal {
  private readonly saved: Route[] = [];
  private readonly touched: Uint8Array;
  private unassigned: number[] = [];

  constructor(routeCount: number) {
    this.touched = new Uint8Array(routeCount);
  }

  begin(plan: Plan): void {
    for (const { vehicle } of this.saved) this.touched[vehicle] = 0;
    this.saved.length = 0;
    this.unassigned = plan.unassigned.slice();
  }

  touch(plan: Plan, r: number): void {
    if (this.touched[r]) return;
    this.touched[r] = 1;
    const route = plan.routes[r]!;
    this.saved.push({
      vehicle: route.vehicle,
      visits: route.visits.slice(),
      loc: route.loc.slice(),
      early: route.early.slice(),
      late: route.late.slice(),
      svc: route.svc.slice(),
      load: route.load,
      distance: route.distance,
    });
  }

  rollback(plan: Plan): void {
    plan.unassigned = this.unassigned;
    for (const v of plan.unassigned) plan.routeOf[v] = -1;
    for (const route of this.saved) {
      plan.routes[route.vehicle] = route;
      for (const v of route.visits) plan.routeOf[v] = route.vehicle;
    }
    this.saved.length = 0;
    this.touched.fill(0);
    this.begin(plan);
  }
}
