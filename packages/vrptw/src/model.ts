/**
 * Travel between locations, indexed 0..size-1. Times are in the instance's time unit (the same unit as
 * windows, shifts and service durations); distances in any unit, they are only summed and compared.
 * Solvers call it once per pair up front, so it may be as slow as a lookup into a service's response.
 */
export interface TravelPort {
  readonly size: number;
  distance(from: number, to: number): number;
  duration(from: number, to: number): number;
}

/** A half-open-free interval `[start, end]` of allowed service *start* instants. */
export type TimeWindow = readonly [start: number, end: number];

export interface Visit {
  readonly id: string;
  readonly location: number;
  /** Service duration, in the time unit. */
  readonly service: number;
  /** Load taken on the vehicle (a count of visits when capacity means "max visits"). */
  readonly demand: number;
  /**
   * Disjoint windows in which service may start. Omitted: any time in the shift. An empty list means no
   * allowed time at all (compliance vetoed every hour), so the visit is reported unassigned.
   */
  readonly windows?: readonly TimeWindow[];
  /** Skills (including languages, e.g. `lang:yue`) the visiting team must all have. */
  readonly skills?: readonly string[];
  /** Staff the visit needs at the door; a team of two serves visits with `minStaff` 2. */
  readonly minStaff?: number;
  /**
   * Worth of serving the visit: the solver first maximises the total priority served, then (hierarchical
   * objective) minimises vehicles, then distance. Defaults to 1.
   */
  readonly priority?: number;
  /**
   * The only vehicles that may serve it (indices into `vehicles`), on top of skills and staff: a
   * territory, say. Omitted: any vehicle with the skills and staff.
   */
  readonly vehicles?: readonly number[];
  /**
   * The vehicle that has it in the plan in force. Serving it with another one costs
   * `SolveOptions.reassignmentCost`, so a re-plan moves a visit only when that pays.
   */
  readonly preferredVehicle?: number;
}

export interface Vehicle {
  readonly id: string;
  /** Location the shift starts from (home base or branch). */
  readonly start: number;
  /** Location the shift ends at; may differ from `start`. */
  readonly end: number;
  /** Earliest departure from `start` and latest arrival at `end`. */
  readonly shift: TimeWindow;
  readonly capacity: number;
  readonly skills?: readonly string[];
  /** People in the team this vehicle stands for. Defaults to 1. */
  readonly staff?: number;
}

export interface Instance {
  readonly travel: TravelPort;
  readonly visits: readonly Visit[];
  readonly vehicles: readonly Vehicle[];
}

/**
 * `distance`: minimise total distance with any number of the vehicles.
 * `hierarchical`: fewest vehicles first, then distance.
 */
export type Objective = 'distance' | 'hierarchical';

/**
 * Evens out the work between vehicles: the solver adds `weight` × the sum over every vehicle (used or
 * not) of the distance of its workload from the mean. `visits` counts visits; `time` adds service and
 * travel time, in the time unit, so `weight` is in distance per visit or per time unit. The weight is
 * capped so that the penalty can never outweigh serving a visit.
 */
export interface Balance {
  readonly measure: 'visits' | 'time';
  readonly weight: number;
}

/** Routes to start the search from, as `{ vehicle, visits }` in visiting order (a plan in force). */
export interface InitialRoute {
  readonly vehicle: number;
  readonly visits: readonly number[];
}

export interface SolveOptions {
  readonly objective?: Objective;
  readonly seed?: number;
  /** Stop after this many ruin-and-recreate iterations; with a fixed seed the result is reproducible. */
  readonly maxIterations?: number;
  /** Stop after this much time as measured by `now`; results then depend on machine speed. */
  readonly timeLimitMs?: number;
  /**
   * Clock in milliseconds, required with `timeLimitMs`: pass `() => performance.now()`, since the bare
   * method loses its `this`.
   */
  readonly now?: () => number;
  readonly balance?: Balance;
  /** Distance a visit served by another vehicle than its `preferredVehicle` costs; capped like balance. */
  readonly reassignmentCost?: number;
  /**
   * Start from these routes rather than from a greedy construction: a visit that no longer fits its
   * route (its window passed, its vehicle cannot serve it) is inserted again like any other.
   */
  readonly initial?: readonly InitialRoute[];
}

export type UnassignedReason =
  | 'no-skilled-agent'
  | 'no-feasible-window'
  | 'capacity'
  /** Servable alone, but left out in favour of visits of higher total priority. */
  | 'no-room';

export interface PlannedRoute {
  /** Index into `instance.vehicles`. */
  readonly vehicle: number;
  /** Indices into `instance.visits`, in visiting order. */
  readonly visits: readonly number[];
  /** Service start per visit, the earliest the route allows. */
  readonly starts: readonly number[];
  readonly departure: number;
  readonly arrival: number;
  readonly distance: number;
}

export interface Solution {
  /** Non-empty routes only. */
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly { readonly visit: number; readonly reason: UnassignedReason }[];
  readonly distance: number;
  readonly vehicles: number;
  readonly iterations: number;
}
