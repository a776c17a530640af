import type { Instance, Objective, Solution, TravelPort, UnassignedReason, Vehicle, Visit } from './model';
import { solve } from './solve';
import { type HaversineOptions, haversineTravel, type LatLon } from './travel';

/** An instant interval in UTC epoch milliseconds, as the compliance windows engine produces them. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export interface CityVisit {
  readonly id: string;
  readonly position: LatLon;
  readonly serviceMinutes: number;
  /** Higher is more important; defaults to 1. */
  readonly priority?: number;
  readonly skills?: readonly string[];
  /** Language the customer needs, matched against the agents' languages. */
  readonly language?: string;
  readonly minStaff?: number;
  /** Instants in which the whole visit may take place (compliance's allowed hours for that day). */
  readonly allowed: readonly Interval[];
  /** The only agents who may take it (their territory covers it); omitted: any with the skills and staff. */
  readonly agentIds?: readonly string[];
  /** The agent who has it in the plan in force: giving it to another costs `reassignmentMeters`. */
  readonly preferredAgentId?: string;
}

export interface CityAgent {
  readonly id: string;
  /** Where the shift starts, a home base or a branch. */
  readonly start: LatLon;
  /** Where the shift ends; defaults to `start`. */
  readonly end?: LatLon;
  readonly shift: Interval;
  readonly skills?: readonly string[];
  readonly languages?: readonly string[];
  /** Staff in the team; 2 for the pairs some visits require. */
  readonly staff?: number;
  readonly maxVisits: number;
}

/** Travel between the day's places, in metres and seconds: a routing engine's matrix, say. */
export type TravelModel = (points: readonly LatLon[]) => TravelPort;

export interface CityDayOptions {
  /** Straight-line distance at a speed (the default), or any model of metres and seconds. */
  readonly travel?: HaversineOptions | TravelModel;
  readonly objective?: Objective;
  readonly seed?: number;
  readonly maxIterations?: number;
  readonly timeLimitMs?: number;
  readonly now?: () => number;
  /**
   * Evens out the agents' days: `metersPerUnit` of travel is worth one visit (or one working minute,
   * service and travel) of distance from the mean day.
   */
  readonly balance?: { readonly measure: 'visits' | 'minutes'; readonly metersPerUnit: number };
  /** Metres of travel a visit must save before it goes to another agent than its `preferredAgentId`. */
  readonly reassignmentMeters?: number;
  /** The plan in force to start from: each agent's visits in order. */
  readonly initial?: readonly { readonly agentId: string; readonly visitIds: readonly string[] }[];
}

export interface CityStop {
  readonly visitId: string;
  /** Epoch milliseconds; the agent may wait between arrival and start. */
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
}

export interface CityRoute {
  readonly agentId: string;
  readonly departure: number;
  readonly stops: readonly CityStop[];
  readonly returnAt: number;
  readonly distanceMeters: number;
}

export interface CityDayPlan {
  readonly routes: readonly CityRoute[];
  readonly unassigned: readonly { readonly visitId: string; readonly reason: UnassignedReason }[];
  readonly distanceMeters: number;
}

const SECOND = 1000;

/**
 * Builds the solver instance for one city day. Time runs in seconds from the earliest shift start so
 * the solver's numbers stay small; an allowed interval becomes a window for the service *start* that
 * ends early enough to finish inside it.
 */
export function cityDayInstance(
  visits: readonly CityVisit[],
  agents: readonly CityAgent[],
  travel: HaversineOptions | TravelModel = {},
): { readonly instance: Instance; readonly origin: number } {
  const origin = Math.min(...agents.map((agent) => agent.shift.start));
  const seconds = (instant: number): number => (instant - origin) / SECOND;
  const points: LatLon[] = [];
  const locate = (position: LatLon): number => points.push(position) - 1;
  const solverVehicles = agents.map((agent): Vehicle => {
    const start = locate(agent.start);
    return {
      id: agent.id,
      start,
      end: agent.end ? locate(agent.end) : start,
      shift: [seconds(agent.shift.start), seconds(agent.shift.end)],
      capacity: agent.maxVisits,
      skills: [...(agent.skills ?? []), ...(agent.languages ?? []).map((language) => `lang:${language}`)],
      staff: agent.staff ?? 1,
    };
  });
  const vehicleOf = new Map(agents.map((agent, k) => [agent.id, k]));
  const solverVisits = visits.map((visit): Visit => {
    const service = visit.serviceMinutes * 60;
    const preferred =
      visit.preferredAgentId === undefined ? undefined : vehicleOf.get(visit.preferredAgentId);
    return {
      id: visit.id,
      location: locate(visit.position),
      service,
      demand: 1,
      windows: visit.allowed.map(({ start, end }) => [seconds(start), seconds(end) - service] as const),
      skills: [...(visit.skills ?? []), ...(visit.language ? [`lang:${visit.language}`] : [])],
      minStaff: visit.minStaff ?? 1,
      priority: visit.priority ?? 1,
      ...(visit.agentIds ? { vehicles: visit.agentIds.flatMap((id) => vehicleOf.get(id) ?? []) } : {}),
      ...(preferred === undefined ? {} : { preferredVehicle: preferred }),
    };
  });
  const port = typeof travel === 'function' ? travel(points) : haversineTravel(points, travel);
  return { instance: { travel: port, visits: solverVisits, vehicles: solverVehicles }, origin };
}

/**
 * Plans a city day: which agent visits whom, in what order, when; and why the others wait. With
 * `initial` it starts from a plan in force (a re-plan), which `reassignmentMeters` makes it keep.
 */
export function planCityDay(
  visits: readonly CityVisit[],
  agents: readonly CityAgent[],
  options: CityDayOptions = {},
): CityDayPlan {
  const { instance, origin } = cityDayInstance(visits, agents, options.travel);
  const vehicleOf = new Map(agents.map((agent, k) => [agent.id, k]));
  const visitOf = new Map(visits.map((visit, v) => [visit.id, v]));
  const initial = (options.initial ?? []).flatMap(({ agentId, visitIds }) => {
    const vehicle = vehicleOf.get(agentId);
    return vehicle === undefined
      ? []
      : [{ vehicle, visits: visitIds.flatMap((id) => visitOf.get(id) ?? []) }];
  });
  const { balance } = options;
  const solution = solve(instance, {
    objective: options.objective ?? 'distance',
    seed: options.seed ?? 1,
    maxIterations: options.maxIterations,
    timeLimitMs: options.timeLimitMs,
    now: options.now,
    initial,
    reassignmentCost: options.reassignmentMeters ?? 0,
    ...(balance
      ? {
          balance: {
            measure: balance.measure === 'visits' ? 'visits' : 'time',
            // The solver's time unit is the second.
            weight: balance.measure === 'visits' ? balance.metersPerUnit : balance.metersPerUnit / 60,
          },
        }
      : {}),
  });
  return toCityPlan(instance, origin, solution);
}

function toCityPlan(instance: Instance, origin: number, solution: Solution): CityDayPlan {
  const instant = (time: number): number => origin + time * SECOND;
  const { travel, visits, vehicles } = instance;
  const routes = solution.routes.map((route): CityRoute => {
    const vehicle = vehicles[route.vehicle]!;
    let place = vehicle.start;
    let free = route.departure;
    const stops = route.visits.map((v, i): CityStop => {
      const visit = visits[v]!;
      const arrival = free + travel.duration(place, visit.location);
      const start = route.starts[i]!;
      place = visit.location;
      free = start + visit.service;
      return { visitId: visit.id, arrival: instant(arrival), start: instant(start), end: instant(free) };
    });
    return {
      agentId: vehicle.id,
      departure: instant(route.departure),
      stops,
      returnAt: instant(route.arrival),
      distanceMeters: route.distance,
    };
  });
  return {
    routes,
    unassigned: solution.unassigned.map(({ visit, reason }) => ({ visitId: visits[visit]!.id, reason })),
    distanceMeters: solution.distance,
  };
}
