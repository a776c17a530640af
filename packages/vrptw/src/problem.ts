import type { Instance, SolveOptions, UnassignedReason } from './model';

/**
 * The instance flattened into typed arrays: the search reads nothing else, so its inner loops touch only
 * contiguous numbers. Visits are 0..visitCount-1, vehicles 0..vehicleCount-1.
 */
export interface Problem {
  readonly visitCount: number;
  readonly vehicleCount: number;
  readonly size: number;
  /** Row-major `size × size`. */
  readonly dist: Float64Array;
  readonly time: Float64Array;
  readonly loc: Int32Array;
  readonly demand: Float64Array;
  readonly service: Float64Array;
  /** Windows of visit v are `twStart/twEnd[twOffset[v] .. twOffset[v+1])`, sorted and disjoint. */
  readonly twOffset: Int32Array;
  readonly twStart: Float64Array;
  readonly twEnd: Float64Array;
  /** Cost of leaving a visit out: priority times more than every vehicle's `vehicleCost` together. */
  readonly unservedCost: Float64Array;
  /** More than any total distance can be: the price of opening a route when vehicles come first. */
  readonly vehicleCost: number;
  readonly startLoc: Int32Array;
  readonly endLoc: Int32Array;
  readonly shiftStart: Float64Array;
  readonly shiftEnd: Float64Array;
  readonly capacity: Float64Array;
  /**
   * `compatible[v * vehicleCount + k]` is 1 when vehicle k has the skills and staff visit v needs and is
   * one of the vehicles it allows.
   */
  readonly compatible: Uint8Array;
  /**
   * Vehicles with equal class are interchangeable (same depots, shift, capacity and the same visits they
   * may serve), so one empty route per class is worth trying and routes of a class may trade tails.
   */
  readonly vehicleClass: Int32Array;
  readonly classCount: number;
  /** `neighbours[v * visitCount + r]` is the r-th closest visit to v (r = 0 is v itself). */
  readonly neighbours: Int32Array;
  /** Distance from the first vehicle's start, to order insertions far-first or close-first. */
  readonly depotDistance: Float64Array;
  /** Why a visit can never be served on its own, or null when some vehicle could serve it alone. */
  readonly blocked: readonly (UnassignedReason | null)[];
  /** Typical distance between neighbouring visits, the scale of the annealing temperature. */
  readonly arcScale: number;
  /** The vehicle each visit had in the plan in force, -1 for none. */
  readonly preferred: Int32Array;
  /** Cost of serving a visit with another vehicle than its preferred one; 0 when none has one. */
  readonly reassignmentCost: number;
  /** 0: no balancing; 1: visit counts; 2: service and travel time. */
  readonly balanceMeasure: 0 | 1 | 2;
  readonly balanceWeight: number;
}

export function nextStart(p: Problem, v: number, t: number): number {
  const end = p.twOffset[v + 1]!;
  for (let w = p.twOffset[v]!; w < end; w++) {
    if (t <= p.twEnd[w]!) return Math.max(t, p.twStart[w]!);
  }
  return Number.POSITIVE_INFINITY;
}

export function latestStart(p: Problem, v: number, t: number): number {
  for (let w = p.twOffset[v + 1]! - 1; w >= p.twOffset[v]!; w--) {
    if (t >= p.twStart[w]!) return Math.min(t, p.twEnd[w]!);
  }
  return Number.NEGATIVE_INFINITY;
}

function hasAll(have: readonly string[] | undefined, need: readonly string[] | undefined): boolean {
  if (!need || need.length === 0) return true;
  const set = new Set(have ?? []);
  return need.every((skill) => set.has(skill));
}

function normalisedWindows(windows: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = windows.filter(([s, e]) => s <= e).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

export function compile(
  instance: Instance,
  options: Pick<SolveOptions, 'balance' | 'reassignmentCost'> = {},
): Problem {
  const { travel, visits, vehicles } = instance;
  const size = travel.size;
  const visitCount = visits.length;
  const vehicleCount = vehicles.length;
  const dist = new Float64Array(size * size);
  const time = new Float64Array(size * size);
  let maxArc = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      dist[i * size + j] = travel.distance(i, j);
      time[i * size + j] = travel.duration(i, j);
      maxArc = Math.max(maxArc, dist[i * size + j]!);
    }
  }
  const vehicleCost = (visitCount + vehicleCount) * maxArc + 1;

  const loc = Int32Array.from(visits, (v) => v.location);
  const demand = Float64Array.from(visits, (v) => v.demand);
  const service = Float64Array.from(visits, (v) => v.service);
  const unservedCost = Float64Array.from(visits, (v) => (v.priority ?? 1) * vehicleCost * (vehicleCount + 1));
  const windows = visits.map((v) =>
    v.windows ? normalisedWindows(v.windows) : [[Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]],
  );
  const twOffset = new Int32Array(visitCount + 1);
  windows.forEach((ws, v) => {
    twOffset[v + 1] = twOffset[v]! + ws.length;
  });
  const twStart = Float64Array.from(windows.flat(), (w) => w[0]!);
  const twEnd = Float64Array.from(windows.flat(), (w) => w[1]!);

  const startLoc = Int32Array.from(vehicles, (k) => k.start);
  const endLoc = Int32Array.from(vehicles, (k) => k.end);
  const shiftStart = Float64Array.from(vehicles, (k) => k.shift[0]);
  const shiftEnd = Float64Array.from(vehicles, (k) => k.shift[1]);
  const capacity = Float64Array.from(vehicles, (k) => k.capacity);

  const compatible = new Uint8Array(visitCount * vehicleCount);
  visits.forEach((v, i) => {
    const allowed = v.vehicles ? new Set(v.vehicles) : null;
    vehicles.forEach((k, j) => {
      const staffed = (k.staff ?? 1) >= (v.minStaff ?? 1);
      const admitted = allowed === null || allowed.has(j);
      compatible[i * vehicleCount + j] = staffed && admitted && hasAll(k.skills, v.skills) ? 1 : 0;
    });
  });

  // Skills and staff matter only through the visits they let a vehicle serve, so the class compares
  // that column of the compatibility table: two vehicles that differ only by a territory differ here.
  const classes = new Map<string, number>();
  const vehicleClass = Int32Array.from(vehicles, (k, j) => {
    let servable = '';
    for (let v = 0; v < visitCount; v++) servable += compatible[v * vehicleCount + j];
    const key = JSON.stringify([k.start, k.end, k.shift, k.capacity, servable]);
    const known = classes.get(key);
    if (known !== undefined) return known;
    classes.set(key, classes.size);
    return classes.size - 1;
  });

  const neighbours = new Int32Array(visitCount * visitCount);
  const order = Array.from({ length: visitCount }, (_, i) => i);
  for (let v = 0; v < visitCount; v++) {
    const row = loc[v]! * size;
    const sorted = order
      .slice()
      .sort((a, b) => (a === v ? -1 : b === v ? 1 : dist[row + loc[a]!]! - dist[row + loc[b]!]!));
    neighbours.set(sorted, v * visitCount);
  }
  const first = vehicleCount > 0 ? startLoc[0]! : 0;
  const depotDistance = Float64Array.from(visits, (v) => dist[first * size + v.location]!);
  let nearestSum = 0;
  for (let v = 0; v < visitCount; v++) {
    if (visitCount > 1) nearestSum += dist[loc[v]! * size + loc[neighbours[v * visitCount + 1]!]!]!;
  }
  const arcScale = visitCount > 1 ? Math.max(nearestSum / visitCount, 1e-9) : 1;

  const preferred = Int32Array.from(visits, (v) => v.preferredVehicle ?? -1);
  // Leaving out the least important visit costs at least this much; each penalty stays below half of it.
  const cheapestUnserved = Math.min(...unservedCost, Number.POSITIVE_INFINITY);
  const reassignmentCost = Math.min(
    Math.max(0, options.reassignmentCost ?? 0),
    capOf(cheapestUnserved, 2 * visitCount),
  );
  const balanceMeasure = options.balance ? (options.balance.measure === 'visits' ? 1 : 2) : 0;
  // The largest sum of deviations from the mean: twice the whole day's work.
  let maxTime = 0;
  for (let i = 0; i < size * size; i++) maxTime = Math.max(maxTime, time[i]!);
  const dayWork =
    balanceMeasure === 1
      ? visitCount
      : service.reduce((s, x) => s + x, 0) + (visitCount + vehicleCount) * maxTime;
  const balanceWeight =
    balanceMeasure === 0
      ? 0
      : Math.min(Math.max(0, options.balance!.weight), capOf(cheapestUnserved, 4 * dayWork));

  const blocked: (UnassignedReason | null)[] = [];
  const problem: Problem = {
    visitCount,
    vehicleCount,
    size,
    dist,
    time,
    loc,
    demand,
    service,
    twOffset,
    twStart,
    twEnd,
    unservedCost,
    vehicleCost,
    startLoc,
    endLoc,
    shiftStart,
    shiftEnd,
    capacity,
    compatible,
    vehicleClass,
    classCount: classes.size,
    neighbours,
    depotDistance,
    blocked,
    arcScale,
    preferred,
    reassignmentCost,
    balanceMeasure,
    balanceWeight,
  };
  for (let v = 0; v < visitCount; v++) blocked.push(blockedReason(problem, v));
  return problem;
}

/**
 * The largest weight per unit such that `units` of them stay below `limit`, half the cost of leaving the
 * least important visit out: balance and reassignment together never cost a served visit. (Under the
 * hierarchical objective they may cost a vehicle.)
 */
function capOf(limit: number, units: number): number {
  return units > 0 && Number.isFinite(limit) ? limit / units : 0;
}

/** Tries the visit alone on every vehicle: out from the start depot, back to the end depot. */
function blockedReason(p: Problem, v: number): UnassignedReason | null {
  let skilled = false;
  let roomy = false;
  for (let k = 0; k < p.vehicleCount; k++) {
    if (!p.compatible[v * p.vehicleCount + k]) continue;
    skilled = true;
    if (p.demand[v]! > p.capacity[k]!) continue;
    roomy = true;
    const l = p.loc[v]!;
    const start = nextStart(p, v, p.shiftStart[k]! + p.time[p.startLoc[k]! * p.size + l]!);
    if (start + p.service[v]! + p.time[l * p.size + p.endLoc[k]!]! <= p.shiftEnd[k]!) return null;
  }
  if (!skilled) return 'no-skilled-agent';
  return roomy ? 'no-feasible-window' : 'capacity';
}
