import {
  type AgentId,
  definePlanningPolicy,
  type Instant,
  instantToZoned,
  LocalTimeSchema,
  type PlanningInput,
  type PlanningProposal,
  type Reason,
  toInstant,
  z,
  zonedToInstant,
} from '@doorstep/core';
import {
  type CityAgent,
  type CityDayPlan,
  type CityVisit,
  planCityDay,
  replan,
  type UnassignedReason,
} from '@doorstep/vrptw';

type Agent = PlanningInput['agents'][number];
type Candidate = PlanningInput['candidates'][number];

/** Ports a host may inject; the plugin itself reads no clock. */
export interface RouteOptimisedPorts {
  /**
   * Monotonic milliseconds (e.g. `() => performance.now()`). With it, `timeLimitMs` also bounds a run,
   * and a plan cut short by it depends on machine speed; without it only `maxIterations` does, and the
   * same input and seed always give the same plan.
   */
  clock?: () => number;
}

// The solver maximises the sum of priorities served and needs every worth to be clearly positive to
// keep serving ahead of distance. Scaling all worths by one factor keeps every trade-off between cases;
// the floor keeps a case scored 0 (or below) plannable when there is room, just last in line.
const PRIORITY_FLOOR_SHARE = 1e-3;

const solverWorths = (priorities: readonly number[]): number[] => {
  const top = Math.max(0, ...priorities);
  if (top === 0) return priorities.map(() => 1);
  const clamped = priorities.map((p) => Math.max(p, top * PRIORITY_FLOOR_SHARE));
  const smallest = Math.min(...clamped);
  return clamped.map((p) => p / smallest);
};

const KMH_TO_METERS_PER_SECOND = 1 / 3.6;

/**
 * Builds the route-optimised planning policy with the host's ports. `routeOptimised` is the one built
 * without a clock, for registries that need reproducible plans.
 *
 * @example
 * const registry = createRegistry(builtInPolicies, {
 *   planning: [createRouteOptimised({ clock: () => performance.now() })],
 * });
 */
export const createRouteOptimised = (ports: RouteOptimisedPorts = {}) =>
  definePlanningPolicy({
    id: 'route-optimised',
    version: '1.0.0',
    contract: '2.0',
    docs: {
      description:
        'Plans the day with a vehicle-routing solver (ruin and recreate under simulated annealing): ' +
        'serves the most total priority first, then shortens travel (or, hierarchical, uses fewer ' +
        "agents first), within each case's allowed windows, each agent's shift, staff, skills and " +
        'languages. Re-planning keeps the remaining agents’ stops in order and only adds to them.',
    },
    reasons: {
      'route.stop': 'Stop {order} of {agentId} at {from}–{to}, priority {priority}',
      'replan.added': 'Added to {agentId}; it was not in the previous plan',
      'replan.moved': 'Moved from {fromAgentId}, no longer on duty, to {agentId}',
      'replan.shifted': 'Still with {agentId}; was stop {wasOrder} at {wasFrom}, now stop {order} at {from}',
      'replan.unplanned': 'Was stop {order} of {agentId} in the previous plan; no longer planned',
      'unplanned.no-agents': 'No agent is available on {date}',
      'unplanned.staff': 'Needs {needed} staff; the largest team has {largest}',
      'unplanned.skills': 'Needs {skills}, which no agent has',
      'unplanned.language': 'Needs an agent who speaks {language}; none does',
      'unplanned.no-matching-agent': 'No single agent has everything it needs ({needs})',
      'unplanned.capacity': 'The {agents} agent(s) who could take it may make no visits on {date}',
      'unplanned.no-window':
        'No allowed window on {date} fits a {minutes}-minute visit, travel included, in the shift of ' +
        'an agent who can take it ({windows} window(s))',
      'unplanned.no-room':
        'Priority {priority}: left out for cases worth more; the agents who could take it are full',
    },
    options: z.object({
      /**
       * After priority: `distance` shortens total travel with any of the agents; `hierarchical` first
       * uses as few agents as it can. Distance is the default: the agents in the input are rostered
       * for the day anyway, and routes spread over them keep slack for re-planning when one drops out.
       */
      objective: z.enum(['distance', 'hierarchical']),
      /** Search iterations; with the seed this fixes the plan. 20,000 plan 160 visits in ~1 s CPU. */
      maxIterations: z.number().int().positive(),
      /** Wall-clock cap in ms, applied only with an injected clock (see `RouteOptimisedPorts`). */
      timeLimitMs: z.number().int().positive(),
      speedKmh: z.number().positive(),
      /** Street distance over straight-line distance. */
      detourFactor: z.number().min(1),
      /** For candidates whose duration is unknown (0 minutes). */
      defaultServiceMinutes: z.number().int().positive(),
      /** The working day of agents without a shift, local to the tenant. */
      dayStart: LocalTimeSchema,
      dayEnd: LocalTimeSchema,
      seed: z.number().int().nonnegative(),
    }),
    defaultOptions: {
      objective: 'distance',
      maxIterations: 20_000,
      timeLimitMs: 1500,
      speedKmh: 20,
      detourFactor: 1.4,
      defaultServiceMinutes: 45,
      dayStart: '09:00',
      dayEnd: '18:00',
      seed: 1,
    },
    create: (options, { reason }) => {
      type Code = Parameters<typeof reason>[0];
      type Proposal = PlanningProposal<Code>;
      const travel = {
        detourFactor: options.detourFactor,
        metersPerSecond: options.speedKmh * KMH_TO_METERS_PER_SECOND,
      };
      const budget = ports.clock
        ? { maxIterations: options.maxIterations, timeLimitMs: options.timeLimitMs, now: ports.clock }
        : { maxIterations: options.maxIterations };
      const minutesOf = (c: Candidate) =>
        c.durationMinutes > 0 ? c.durationMinutes : options.defaultServiceMinutes;

      const toVisits = (candidates: readonly Candidate[]): CityVisit[] => {
        const worths = solverWorths(candidates.map((c) => c.priority));
        return candidates.map((c, i) => ({
          id: c.caseId,
          position: c.location,
          serviceMinutes: minutesOf(c),
          priority: worths[i]!,
          skills: c.skills,
          language: c.language,
          minStaff: c.staffNeeded,
          allowed: c.windows.map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end) })),
        }));
      };

      const toAgents = (
        agents: readonly Agent[],
        defaultShift: { start: number; end: number },
      ): CityAgent[] =>
        agents.map((a) => ({
          id: a.agentId,
          start: a.base,
          end: a.end,
          shift: a.shift ? { start: Date.parse(a.shift.start), end: Date.parse(a.shift.end) } : defaultShift,
          skills: a.skills,
          languages: a.languages,
          staff: a.staff,
          maxVisits: a.maxVisits,
        }));

      /** The solver says only *that* no agent fits; the reason says which requirement nobody meets. */
      const whyNoAgent = (c: Candidate, agents: readonly Agent[], date: string): Reason<Code> => {
        if (agents.length === 0) return reason('unplanned.no-agents', { date });
        const largest = Math.max(...agents.map((a) => a.staff ?? 1));
        if (largest < c.staffNeeded) return reason('unplanned.staff', { needed: c.staffNeeded, largest });
        const held = new Set(agents.flatMap((a) => a.skills ?? []));
        const missing = (c.skills ?? []).filter((s) => !held.has(s));
        if (missing.length > 0) return reason('unplanned.skills', { skills: missing.join(', ') });
        const { language } = c;
        if (language !== undefined && !agents.some((a) => a.languages?.includes(language))) {
          return reason('unplanned.language', { language });
        }
        const needs = [
          `${c.staffNeeded} staff`,
          ...(c.skills?.length ? [`skills ${c.skills.join(', ')}`] : []),
          ...(c.language !== undefined ? [`language ${c.language}`] : []),
        ].join(', ');
        return reason('unplanned.no-matching-agent', { needs });
      };

      const canTake = (a: Agent, c: Candidate) =>
        (a.staff ?? 1) >= c.staffNeeded &&
        (c.skills ?? []).every((s) => a.skills?.includes(s)) &&
        (c.language === undefined || (a.languages?.includes(c.language) ?? false));

      const unplannedReason = (
        why: UnassignedReason,
        c: Candidate,
        agents: readonly Agent[],
        date: string,
      ): Reason<Code> => {
        switch (why) {
          case 'no-skilled-agent':
            return whyNoAgent(c, agents, date);
          case 'capacity':
            return reason('unplanned.capacity', { agents: agents.filter((a) => canTake(a, c)).length, date });
          case 'no-feasible-window':
            return reason('unplanned.no-window', { date, minutes: minutesOf(c), windows: c.windows.length });
          case 'no-room':
            return reason('unplanned.no-room', { priority: c.priority });
        }
      };

      /** `replan` reads which agent has which cases in what order; a proposal holds no distances. */
      const asCityPlan = (previous: PlanningProposal): CityDayPlan => ({
        routes: previous.routes.map((route) => {
          const stops = [...route.stops]
            .sort((a, b) => a.order - b.order)
            .map((s) => {
              const start = Date.parse(s.window.start);
              return { visitId: s.caseId, arrival: start, start, end: Date.parse(s.window.end) };
            });
          return {
            // This plugin's routes have one agent each (a pair is one agent with staff 2).
            agentId: route.agentIds[0]!,
            departure: stops[0]?.start ?? 0,
            stops,
            returnAt: stops.at(-1)?.end ?? 0,
            distanceMeters: 0,
          };
        }),
        unassigned: [],
        distanceMeters: 0,
      });

      return {
        plan: (input) => {
          const { tenant, date, candidates, previous } = input;
          const zone = tenant.timeZone;
          const local = (instant: Instant) => instantToZoned(instant, zone).time.slice(0, 5);
          const dropped = new Set<string>(input.droppedAgentIds ?? []);
          const agents = input.agents.filter((a) => !dropped.has(a.agentId));
          const defaultShift = {
            start: Date.parse(zonedToInstant(date, options.dayStart, zone)),
            end: Date.parse(zonedToInstant(date, options.dayEnd, zone)),
          };
          const visits = toVisits(candidates);
          const cityAgents = toAgents(agents, defaultShift);
          const plan = previous
            ? replan(asCityPlan(previous), visits, cityAgents, [...dropped], { travel, seed: options.seed })
            : planCityDay(visits, cityAgents, {
                travel,
                objective: options.objective,
                seed: options.seed,
                ...budget,
              });

          const candidateOf = new Map(candidates.map((c) => [c.caseId as string, c]));
          const before = new Map(
            (previous?.routes ?? []).flatMap((route) =>
              route.stops.map((s) => [s.caseId as string, { agentId: route.agentIds[0]!, stop: s }] as const),
            ),
          );

          const whatMoved = (
            caseId: string,
            agentId: string,
            order: number,
            from: Instant,
          ): Reason<Code>[] => {
            if (!previous) return [];
            const was = before.get(caseId);
            if (was === undefined) return [reason('replan.added', { agentId })];
            if (was.agentId !== agentId)
              return [reason('replan.moved', { fromAgentId: was.agentId, agentId })];
            if (was.stop.order === order && Date.parse(was.stop.window.start) === Date.parse(from)) return [];
            return [
              reason('replan.shifted', {
                agentId,
                wasOrder: was.stop.order,
                wasFrom: local(was.stop.window.start),
                order,
                from: local(from),
              }),
            ];
          };

          const routes: Proposal['routes'] = plan.routes.map((route) => ({
            agentIds: [route.agentId as AgentId],
            stops: route.stops.map((s, i) => {
              const c = candidateOf.get(s.visitId)!;
              const window = { start: toInstant(s.start), end: toInstant(s.end) };
              const order = i + 1;
              return {
                caseId: c.caseId,
                window,
                order,
                reasons: [
                  reason('route.stop', {
                    order,
                    agentId: route.agentId,
                    from: local(window.start),
                    to: local(window.end),
                    priority: c.priority,
                  }),
                  ...whatMoved(c.caseId, route.agentId, order, window.start),
                ],
              };
            }),
          }));

          const unplanned: Proposal['unplanned'] = plan.unassigned.map(({ visitId, reason: why }) => {
            const c = candidateOf.get(visitId)!;
            const was = before.get(visitId);
            return {
              caseId: c.caseId,
              reasons: [
                unplannedReason(why, c, agents, date),
                ...(was ? [reason('replan.unplanned', { order: was.stop.order, agentId: was.agentId })] : []),
              ],
            };
          });
          return { routes, unplanned };
        },
      };
    },
  });

/** The plugin without a clock: plans are reproducible from input, options and seed. */
export const routeOptimised = createRouteOptimised();
