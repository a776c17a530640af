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

/** One day's routing problem: which agents visit which screened cases, when, in what order. */
export interface PlanningInput {
  now: Instant;
  tenant: TenantSettings;
  date: LocalDate;
  agents: Array<{
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
    /** People this agent stands for: 2 for a two-person team that counts as one route. */
    staff?: number;
  }>;
  candidates: Array<{
    caseId: CaseId;
    priority: number;
    location: GeoPoint;
    /** Compliance-allowed windows on that date. */
    windows: Interval[];
    durationMinutes: number;
    /** Staff the visit needs (2 where a pack requires it). */
    staffNeeded: number;
    /** Skills the visiting agent must all have (e.g. `legal`). */
    skills?: string[];
    /** Language the customer needs, matched against the agents' `languages`. */
    language?: string;
  }>;
  /** The plan already handed out for this date: re-planning changes it as little as it can. */
  previous?: PlanningProposal;
  /** Agents of `previous` who dropped out (sick, vehicle broken); their cases go to the others. */
  droppedAgentIds?: AgentId[];
}

export interface PlanningProposal<C extends string = string> {
  routes: Array<{
    agentIds: AgentId[];
    stops: Array<{ caseId: CaseId; window: Interval; order: number; reasons: Reason<C>[] }>;
  }>;
  unplanned: Array<{ caseId: CaseId; reasons: Reason<C>[] }>;
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
