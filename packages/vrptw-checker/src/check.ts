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
  /** Skills the team must have; with `members`, judged against what the members bring. */
  readonly skills?: readonly string[];
  readonly minStaff?: number;
  /** The only vehicles allowed to serve it. */
  readonly vehicles?: readonly number[];
  /** Where the customer is, for the members' territories. */
  readonly place?: CheckPlace;
  /** A language someone in the team must speak (needs `members`). */
  readonly language?: string;
}

export interface CheckPlace {
  readonly lat: number;
  readonly lon: number;
  readonly region?: string;
}

/** `[lat, lon]` corners of an area, in order; the last joins the first. */
export type CheckPolygon = readonly (readonly [number, number])[];

/**
 * A person in a team. A team has a skill when one of its members has it, and a member of seniority
 * `senior` brings the skill `senior`; it speaks the languages of all its members; and it may go only
 * where every member with a territory may go (one of its regions, or inside one of its areas).
 */
export interface CheckMember {
  readonly id: string;
  readonly skills?: readonly string[];
  readonly languages?: readonly string[];
  readonly seniority?: 'junior' | 'senior';
  readonly territory?: { readonly regions?: readonly string[]; readonly areas?: readonly CheckPolygon[] };
}

export interface CheckVehicle {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly shift: readonly [number, number];
  readonly capacity: number;
  readonly skills?: readonly string[];
  readonly staff?: number;
  /** The people of the team: when given, staff, skills and languages are theirs, and territories apply. */
  readonly members?: readonly CheckMember[];
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
  | 'distance'
  | 'vehicle-not-allowed'
  | 'member-reused'
  | 'language'
  | 'territory'
  | 'seniority-mix';

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
  /** Every team of two or more members has a senior member in it. */
  readonly seniorInEveryTeam?: boolean;
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
  const staffedBy = new Map<string, number>();

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
    const { members } = vehicle;
    for (const member of members ?? []) {
      if (staffedBy.has(member.id)) violations.push({ code: 'member-reused', route: r });
      staffedBy.set(member.id, r);
    }
    if (
      options.seniorInEveryTeam &&
      members !== undefined &&
      members.length >= 2 &&
      !members.some((member) => member.seniority === 'senior')
    ) {
      violations.push({ code: 'seniority-mix', route: r });
    }
    const skills = new Set(members ? members.flatMap(skillsOf) : (vehicle.skills ?? []));
    const languages = new Set((members ?? []).flatMap((member) => member.languages ?? []));
    const staff = members ? members.length : (vehicle.staff ?? 1);
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
      if (staff < (visit.minStaff ?? 1)) {
        violations.push({ code: 'staff', route: r, visit: index, expected: visit.minStaff, actual: staff });
      }
      if (visit.vehicles && !visit.vehicles.includes(route.vehicle)) {
        violations.push({ code: 'vehicle-not-allowed', route: r, visit: index });
      }
      if (visit.language !== undefined && !languages.has(visit.language)) {
        violations.push({ code: 'language', route: r, visit: index });
      }
      if (members?.some((member) => !covers(member, visit.place))) {
        violations.push({ code: 'territory', route: r, visit: index });
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

const skillsOf = (member: CheckMember): readonly string[] =>
  member.seniority === 'senior' ? [...(member.skills ?? []), 'senior'] : (member.skills ?? []);

/** Whether a member may work at a place: no territory means anywhere; a place unknown is nowhere. */
function covers(member: CheckMember, place: CheckPlace | undefined): boolean {
  const regions = member.territory?.regions ?? [];
  const areas = member.territory?.areas ?? [];
  if (regions.length === 0 && areas.length === 0) return true;
  if (!place) return false;
  if (place.region !== undefined && regions.includes(place.region)) return true;
  return areas.some((area) => inside(area, place));
}

/** Even-odd rule: a ray from the place eastwards crosses the boundary an odd number of times. */
function inside(area: CheckPolygon, { lat, lon }: CheckPlace): boolean {
  let crossings = 0;
  for (let i = 0, j = area.length - 1; i < area.length; j = i++) {
    const [latI, lonI] = area[i]!;
    const [latJ, lonJ] = area[j]!;
    if (latI > lat !== latJ > lat && lon < lonI + ((lat - latI) * (lonJ - lonI)) / (latJ - latI)) crossings++;
  }
  return crossings % 2 === 1;
}
