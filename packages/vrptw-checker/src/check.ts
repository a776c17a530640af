/**
 * The checker knows the instance only through these shapes, declared here rather than imported, so that
 * a misunderstanding baked into the solver cannot also be baked into its judge.
 */
export interface CheckTravel {
  readonly size: number;
  distance(from: number, to: number): number;
  duration(from: number, to: number): number;
}

export interface CheckVisit {
  readonly id: string;
  readonly location: number;
  readonly service: number;
  readonly demand: number;
  readonly windows?: readonly (readonly [number, number])[];
  readonly skills?: readonly string[];
  readonly minStaff?: number;
}

export interface CheckVehicle {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly shift: readonly [number, number];
  readonly capacity: number;
  readonly skills?: readonly string[];
  readonly staff?: number;
}

export interface CheckInstance {
  readonly travel: CheckTravel;
  readonly visits: readonly CheckVisit[];
  readonly vehicles: readonly CheckVehicle[];
}

export interface CheckRoute {
  readonly vehicle: number;
  readonly visits: readonly number[];
  /** Claimed service starts; checked when present. */
  readonly starts?: readonly number[];
  /** Claimed route distance; checked when present. */
  readonly distance?: number;
}

export interface CheckSolution {
  readonly routes: readonly CheckRoute[];
  readonly unassigned?: readonly { readonly visit: number }[];
  /** Claimed total distance; checked when present. */
  readonly distance?: number;
}

export type ViolationCode =
  | 'unknown-vehicle'
  | 'vehicle-reused'
  | 'unknown-visit'
  | 'duplicate-visit'
  | 'missing-visit'
  | 'capacity'
  | 'time-window'
  | 'shift'
  | 'skill'
  | 'staff'
  | 'schedule'
  | 'distance';

export interface Violation {
  readonly code: ViolationCode;
  /** Index into `solution.routes`, when the violation belongs to a route. */
  readonly route?: number;
  readonly visit?: number;
  readonly expected?: number;
  readonly actual?: number;
}

export interface CheckOptions {
  /** Every visit must be routed (benchmarks); otherwise a visit may be listed as unassigned. */
  readonly requireAll?: boolean;
  /** Absolute slack for time and distance comparisons, for sums of doubles. */
  readonly tolerance?: number;
}

export interface CheckReport {
  readonly valid: boolean;
  readonly violations: readonly Violation[];
  /** Recomputed from the instance, not taken from the solution. */
  readonly distance: number;
  readonly vehicles: number;
}

/**
 * Recomputes every route from the instance: the earliest schedule (waiting allowed, service starting
 * inside a window), loads, skills, staff, depots and distances, and lists everything that is wrong.
 */
export function checkSolution(
  instance: CheckInstance,
  solution: CheckSolution,
  options: CheckOptions = {},
): CheckReport {
  const eps = options.tolerance ?? 1e-6;
  const { travel, visits, vehicles } = instance;
  const violations: Violation[] = [];
  const seen = new Set<number>();
  const usedVehicles = new Set<number>();
  let total = 0;
  let nonEmpty = 0;

  solution.routes.forEach((route, r) => {
    const vehicle = vehicles[route.vehicle];
    if (!vehicle) {
      violations.push({ code: 'unknown-vehicle', route: r });
      return;
    }
    if (usedVehicles.has(route.vehicle)) violations.push({ code: 'vehicle-reused', route: r });
    usedVehicles.add(route.vehicle);
    if (route.visits.length === 0) return;
    nonEmpty++;
    const skills = new Set(vehicle.skills ?? []);
    let place = vehicle.start;
    let clock = vehicle.shift[0];
    let load = 0;
    let distance = 0;
    route.visits.forEach((index, position) => {
      const visit = visits[index];
      if (!visit) {
        violations.push({ code: 'unknown-visit', route: r, visit: index });
        return;
      }
      if (seen.has(index)) violations.push({ code: 'duplicate-visit', route: r, visit: index });
      seen.add(index);
      if ((visit.skills ?? []).some((skill) => !skills.has(skill))) {
        violations.push({ code: 'skill', route: r, visit: index });
      }
      if ((vehicle.staff ?? 1) < (visit.minStaff ?? 1)) {
        violations.push({
          code: 'staff',
          route: r,
          visit: index,
          expected: visit.minStaff,
          actual: vehicle.staff ?? 1,
        });
      }
      load += visit.demand;
      distance += travel.distance(place, visit.location);
      const arrival = clock + travel.duration(place, visit.location);
      const start = firstAllowedStart(visit.windows, arrival, eps);
      if (start === undefined) {
        violations.push({ code: 'time-window', route: r, visit: index, actual: arrival });
        clock = arrival + visit.service;
      } else {
        const claimed = route.starts?.[position];
        if (
          claimed !== undefined &&
          (claimed < start - eps || firstAllowedStart(visit.windows, claimed, eps) === undefined)
        ) {
          violations.push({ code: 'schedule', route: r, visit: index, expected: start, actual: claimed });
        }
        clock = Math.max(start, claimed ?? start) + visit.service;
      }
      place = visit.location;
    });
    distance += travel.distance(place, vehicle.end);
    const back = clock + travel.duration(place, vehicle.end);
    if (back > vehicle.shift[1] + eps) {
      violations.push({ code: 'shift', route: r, expected: vehicle.shift[1], actual: back });
    }
    if (load > vehicle.capacity + eps) {
      violations.push({ code: 'capacity', route: r, expected: vehicle.capacity, actual: load });
    }
    if (route.distance !== undefined && Math.abs(route.distance - distance) > eps * Math.max(1, distance)) {
      violations.push({ code: 'distance', route: r, expected: distance, actual: route.distance });
    }
    total += distance;
  });

  for (const { visit } of solution.unassigned ?? []) {
    if (!visits[visit]) violations.push({ code: 'unknown-visit', visit });
    else if (seen.has(visit)) violations.push({ code: 'duplicate-visit', visit });
    else if (options.requireAll) violations.push({ code: 'missing-visit', visit });
    seen.add(visit);
  }
  visits.forEach((_, index) => {
    if (!seen.has(index)) violations.push({ code: 'missing-visit', visit: index });
  });
  if (solution.distance !== undefined && Math.abs(solution.distance - total) > eps * Math.max(1, total)) {
    violations.push({ code: 'distance', expected: total, actual: solution.distance });
  }
  return { valid: violations.length === 0, violations, distance: total, vehicles: nonEmpty };
}

/** Earliest instant at or after `arrival` inside one of the windows; no windows means any time. */
function firstAllowedStart(
  windows: readonly (readonly [number, number])[] | undefined,
  arrival: number,
  eps: number,
): number | undefined {
  if (!windows) return arrival;
  let best: number | undefined;
  for (const [open, close] of windows) {
    if (open > close || arrival > close + eps) continue;
    const start = Math.max(open, arrival);
    if (best === undefined || start < best) best = start;
  }
  return best;
}
