import type { z } from 'zod';
import type { TenantSettings } from '../domain/tenant';
import type { AgentId, CaseId } from '../ids/ids';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import type { Instant, Interval, LocalDate } from '../time/schemas';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/**
 * Where an agent may work: any of the regions (a case's `regionId`), or inside any of the areas (each a
 * polygon of corners in order). Both empty: anywhere.
 */
export interface Territory {
  regions: string[];
  areas: GeoPoint[][];
}

export const SENIORITIES = ['junior', 'senior'] as const;
export type Seniority = (typeof SENIORITIES)[number];

/**
 * Travel between places as a routing engine or a model measured it: `meters[i * n + j]` and
 * `seconds[i * n + j]` from `points[i]` to `points[j]`, n = `points.length`. A planner looks places up
 * by their coordinates, so the table must hold every place of the input (bases, positions, cases).
 */
export interface TravelTable {
  points: GeoPoint[];
  meters: number[];
  seconds: number[];
}

/** A place to travel between, with the region whose speed applies there when a model needs one. */
export interface TravelPoint extends GeoPoint {
  regionId?: string | null;
}

/**
 * The port a host measures travel through before it plans: a straight-line model, or a routing
 * engine's table service. Asynchronous, because an engine is asked over the network; the planner then
 * reads the answer as a `TravelTable` in its input.
 */
export interface TravelTimes {
  /** What answered, for the plan's record (e.g. `haversine`, `osrm:https://osrm.example`). */
  readonly source: string;
  table(points: readonly TravelPoint[]): Promise<TravelTable>;
}

/** One agent of the day: a person, or a pre-formed team standing in for `staff` people. */
export interface PlanningAgent {
  agentId: AgentId;
  base: GeoPoint;
  maxVisits: number;
  role?: string;
  /** Working hours that date as UTC instants; without it a plugin assumes its own working day. */
  shift?: Interval;
  /** Where the day ends when not back at `base` (home, another branch). */
  end?: GeoPoint;
  skills?: string[];
  languages?: string[];
  /**
   * People this agent stands for: 2 for a team formed beforehand that counts as one route. Agents of
   * staff 1 are people a planner may pair into the teams the cases need.
   */
  staff?: number;
  /** A `senior` agent brings the skill `senior` (e.g. a business loan needs a senior officer). */
  seniority?: Seniority;
  territory?: Territory;
}

export interface PlanningCandidate {
  caseId: CaseId;
  priority: number;
  location: GeoPoint;
  /** The customer's region, which a territory may list. */
  regionId?: string | null;
  /** Compliance-allowed windows on that date. */
  windows: Interval[];
  durationMinutes: number;
  /** Staff the visit needs (2 where a pack requires it). */
  staffNeeded: number;
  /** Skills the visiting team must all have (e.g. `legal`, `senior`). */
  skills?: string[];
  /** Language the customer needs, matched against the agents' `languages`. */
  language?: string;
}

/**
 * A re-plan in the middle of the day. Stops of `previous` that took place (`done`) or are taking place
 * (`under-way`) stay where they are; every team starts again from its last check-in (its base when it
 * has none) no earlier than `at`; the other cases are planned again.
 */
export interface MidDayReplan {
  at: Instant;
  progress: Array<{
    caseId: CaseId;
    state: 'done' | 'under-way';
    /** Where and when the team checked in; the last one of a team is where its day goes on. */
    checkIn: { at: Instant; position: GeoPoint } | null;
  }>;
  /** Agents who stop working at `from`: already gone when `from` is not after `at`. */
  unavailable: Array<{ agentId: AgentId; from: Instant }>;
  /** Cases among the candidates that came in as urgent: planned before every other. */
  urgentCaseIds: CaseId[];
}

/** One day's routing problem: which agents visit which screened cases, when, in what order. */
export interface PlanningInput {
  now: Instant;
  tenant: TenantSettings;
  date: LocalDate;
  agents: PlanningAgent[];
  candidates: PlanningCandidate[];
  /** Travel measured by the host (`TravelTimes`); without it a plugin estimates its own. */
  travel?: TravelTable;
  /** The plan already handed out for this date: re-planning changes it as little as it can. */
  previous?: PlanningProposal;
  /** Agents of `previous` who dropped out for the whole day (sick, vehicle broken). */
  droppedAgentIds?: AgentId[];
  /** With `previous`: re-plan from the state of the day at `replan.at`. */
  replan?: MidDayReplan;
}

/** How the work is spread over the teams of a plan, in both measures, whichever the planner evened out. */
export interface WorkloadReport {
  /** What the planner evened out, if anything. */
  balanced: 'none' | 'visits' | 'minutes';
  teams: Array<{ agentIds: AgentId[]; visits: number; minutes: number }>;
  /** Largest minus smallest over the teams, idle teams included. */
  spread: { visits: number; minutes: number };
}

export interface PlanningProposal<C extends string = string> {
  routes: Array<{
    /** The team, its lead first. */
    agentIds: AgentId[];
    stops: Array<{ caseId: CaseId; window: Interval; order: number; reasons: Reason<C>[] }>;
    /** About the route as a whole (where a re-planned team starts again). */
    reasons?: Reason<C>[];
  }>;
  unplanned: Array<{ caseId: CaseId; reasons: Reason<C>[] }>;
  /** Agents of the day in no team, and why (no partner, no senior to pair with). */
  idleAgents?: Array<{ agentId: AgentId; reasons: Reason<C>[] }>;
  workload?: WorkloadReport;
}

export interface PlanningFunctions<C extends string = string> {
  plan(input: PlanningInput): PlanningProposal<C>;
}

export type PlanningPolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'planning',
  R,
  S,
  PlanningFunctions<ReasonCode<R>>
>;
export type AnyPlanningPolicy = AnyPolicy<'planning', PlanningFunctions>;

export const definePlanningPolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, PlanningFunctions<ReasonCode<R>>>,
): PlanningPolicy<R, S> => definePolicy('planning', definition);
