import {
  type AgentId,
  type CaseId,
  definePlanningPolicy,
  type Instant,
  instantToZoned,
  LocalTimeSchema,
  type PlanningAgent,
  type PlanningCandidate,
  type PlanningProposal,
  type Reason,
  toInstant,
  z,
  zonedToInstant,
} from '@doorstep/core';
import {
  type CityAgent,
  type CityDayPlan,
  type CityRoute,
  type CityVisit,
  planCityDay,
  type UnassignedReason,
} from '@doorstep/vrptw';
import { type BrokenTeam, type ContinuingTeam, dayState } from './mid-day';
import {
  coversPlace,
  type Demand,
  formTeams,
  type IdleWhy,
  type Member,
  qualifies,
  type Span,
  type Team,
  teamOf,
} from './teams';
import { tableTravel } from './travel/lookup';
import { workloadOf } from './workload';

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
const MINUTE = 60_000;
const ms = Date.parse;

/** A team of the day as the solver sees it: one vehicle, with where and when its day (re)starts. */
interface DayTeam<C extends string> {
  id: string;
  /** Who is in it, lead first (a team of the plan in force keeps its order). */
  agentIds: AgentId[];
  team: Team;
  /** Stops kept from the plan in force (a re-plan), shown first on its route. */
  fixed: PlanningProposal['routes'][number]['stops'];
  reasons: Reason<C>[];
}

type Stops = PlanningProposal['routes'][number]['stops'];

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
    version: '2.0.0',
    contract: '2.1',
    docs: {
      description:
        'Forms the day’s teams from the agents available (the staff the cases need, shifts, skills, ' +
        'languages, territories, optionally a senior in every team), then plans their routes with a ' +
        'vehicle-routing solver (ruin and recreate under simulated annealing): serves the most total ' +
        "priority first, then shortens travel (or uses fewer teams first), within each case's allowed " +
        'windows, optionally evening out the teams’ days. A re-plan keeps what is done or under way, ' +
        'starts each team from its last check-in and re-solves the rest, moving a case to another team ' +
        'only when that pays.',
    },
    reasons: {
      'route.stop': 'Stop {order} of {agentId} at {from}–{to}, priority {priority}',
      'route.team': 'Team of {staff}: {agents}; speaks {languages}; brings {skills}',
      'team.idle-no-senior': 'In no team: every team needs a senior and no senior is free',
      'team.idle-no-overlap': 'In no team: no free agent shares {hours} h of shift with them',
      'team.idle-left-over': 'In no team: teams of {size} leave {left} agent(s) over',
      'team.unavailable': 'Unavailable from {from}',
      'replan.kept-done': 'Done (checked in at {at}); kept',
      'replan.kept-under-way': 'Under way since {at}; kept',
      'replan.start-check-in': 'Goes on at {time} from its last check-in ({caseId} at {at})',
      'replan.start-base': 'Starts at {time} from its base',
      'replan.ends': 'Works until {time}: {agentId} is unavailable from then',
      'replan.added': 'Added to {agentIds}; it was not in the plan',
      'replan.urgent': 'Added to {agentIds} as urgent in the re-plan at {at}',
      'replan.moved-unavailable':
        'Moved from {fromAgentIds} to {agentIds}: {agentId} is unavailable from {from}',
      'replan.moved': 'Moved from {fromAgentIds} to {agentIds}: re-planned from where each team was at {at}',
      'replan.shifted': 'Still with {agentIds}; was stop {wasOrder} at {wasFrom}, now stop {order} at {from}',
      'replan.unplanned': 'Was stop {order} of {agentIds} in the plan; no longer planned',
      'unplanned.no-agents': 'No agent is available on {date}',
      'unplanned.staff': 'Needs {needed} staff; the largest team has {largest}',
      'unplanned.skills': 'Needs {skills}, which no team has',
      'unplanned.language': 'Needs a team that speaks {language}; none does',
      'unplanned.territory': 'No team able to take it covers {place}',
      'unplanned.no-matching-agent': 'No single team has everything it needs ({needs})',
      'unplanned.capacity': 'The {agents} team(s) who could take it may make no more visits on {date}',
      'unplanned.no-window':
        'No allowed window on {date} fits a {minutes}-minute visit, travel included, in the shift of ' +
        'a team that can take it ({windows} window(s))',
      'unplanned.no-room':
        'Priority {priority}: left out for cases worth more; the teams who could take it are full',
    },
    options: z.object({
      /**
       * After priority: `distance` shortens total travel with any of the teams; `hierarchical` first
       * uses as few teams as it can. Distance is the default: the agents in the input are rostered
       * for the day anyway, and routes spread over them keep slack for re-planning when one drops out.
       */
      objective: z.enum(['distance', 'hierarchical']),
      /** Search iterations; with the seed this fixes the plan. 20,000 plan 160 visits in ~1 s CPU. */
      maxIterations: z.number().int().positive(),
      /** Wall-clock cap in ms, applied only with an injected clock (see `RouteOptimisedPorts`). */
      timeLimitMs: z.number().int().positive(),
      /** Travel when the host measured none (`PlanningInput.travel`). */
      speedKmh: z.number().positive(),
      /** Street distance over straight-line distance, when the host measured no travel. */
      detourFactor: z.number().min(1),
      /** For candidates whose duration is unknown (0 minutes). */
      defaultServiceMinutes: z.number().int().positive(),
      /** The working day of agents without a shift, local to the tenant. */
      dayStart: LocalTimeSchema,
      dayEnd: LocalTimeSchema,
      seed: z.number().int().nonnegative(),
      /** Every team of two or more has a senior agent in it. */
      seniorityMix: z.enum(['any', 'senior-in-every-team']),
      /** Agents share at least this much of their shifts to work as a team. */
      minTeamOverlapMinutes: z.number().int().min(0).max(1440),
      /**
       * Evens out the teams' days by visit count or working minutes (service and travel), at the price
       * of travel: `balanceMetersPerVisit` / `balanceMetersPerMinute` of travel buy one unit of spread.
       * It never costs a served case.
       */
      balance: z.enum(['none', 'visits', 'minutes']),
      balanceMetersPerVisit: z.number().nonnegative(),
      balanceMetersPerMinute: z.number().nonnegative(),
      /** A re-plan moves a case to another team only when that saves this much travel (or serves more). */
      replanStickinessMeters: z.number().nonnegative(),
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
      seniorityMix: 'any',
      minTeamOverlapMinutes: 240,
      balance: 'none',
      balanceMetersPerVisit: 3000,
      balanceMetersPerMinute: 100,
      replanStickinessMeters: 5000,
    },
    create: (options, { reason }) => {
      type Code = Parameters<typeof reason>[0];
      type Proposal = PlanningProposal<Code>;
      const budget = ports.clock
        ? { maxIterations: options.maxIterations, timeLimitMs: options.timeLimitMs, now: ports.clock }
        : { maxIterations: options.maxIterations };
      const balance =
        options.balance === 'none'
          ? undefined
          : {
              measure: options.balance,
              metersPerUnit:
                options.balance === 'visits' ? options.balanceMetersPerVisit : options.balanceMetersPerMinute,
            };
      const minutesOf = (c: PlanningCandidate) =>
        c.durationMinutes > 0 ? c.durationMinutes : options.defaultServiceMinutes;
      const teamRules = (candidates: readonly PlanningCandidate[], people: number) => ({
        size: Math.max(1, Math.min(people, Math.max(1, ...candidates.map((c) => c.staffNeeded)))),
        seniorInEveryTeam: options.seniorityMix === 'senior-in-every-team',
        minOverlapMs: options.minTeamOverlapMinutes * MINUTE,
      });

      const demandsOf = (candidates: readonly PlanningCandidate[], urgent: ReadonlySet<string>): Demand[] => {
        const worths = solverWorths(candidates.map((c) => c.priority));
        // An urgent case is worth more than all the others together: it is planned first.
        const urgentWorth = worths.reduce((s, w) => s + w, 0) + 1;
        return candidates.map((candidate, i) => ({
          candidate,
          windows: candidate.windows.map((w) => ({ start: ms(w.start), end: ms(w.end) })),
          durationMs: minutesOf(candidate) * MINUTE,
          worth: urgent.has(candidate.caseId) ? urgentWorth : worths[i]!,
        }));
      };

      const teamReason = (team: Team) =>
        reason('route.team', {
          staff: team.staff,
          agents: team.members.map((m) => m.agent.agentId).join(' + '),
          languages: team.languages.join(', ') || 'no language listed',
          skills: team.skills.join(', ') || 'no special skill',
        });

      const idleReason = (why: IdleWhy, size: number, left: number): Reason<Code> => {
        switch (why) {
          case 'no-senior':
            return reason('team.idle-no-senior', {});
          case 'no-overlap':
            return reason('team.idle-no-overlap', { hours: options.minTeamOverlapMinutes / 60 });
          case 'left-over':
            return reason('team.idle-left-over', { size, left });
        }
      };

      /** The solver says only *that* no team fits; the reason says which requirement nobody meets. */
      const whyNoTeam = (c: PlanningCandidate, teams: readonly Team[], people: number, date: string) => {
        if (teams.length === 0) {
          return people === 0
            ? reason('unplanned.no-agents', { date })
            : reason('unplanned.staff', { needed: c.staffNeeded, largest: 0 });
        }
        const largest = Math.max(...teams.map((t) => t.staff));
        if (largest < c.staffNeeded) return reason('unplanned.staff', { needed: c.staffNeeded, largest });
        const held = new Set(teams.flatMap((t) => t.skills));
        const missing = (c.skills ?? []).filter((s) => !held.has(s));
        if (missing.length > 0) return reason('unplanned.skills', { skills: missing.join(', ') });
        const { language } = c;
        if (language !== undefined && !teams.some((t) => t.languages.includes(language))) {
          return reason('unplanned.language', { language });
        }
        // Teams that would do but for where the customer lives.
        const able = teams.filter((t) => qualifies({ ...t, territories: [] }, c));
        if (able.length > 0 && !able.some((t) => coversPlace(t, c)))
          return reason('unplanned.territory', { place: c.regionId ?? 'its address' });
        const needs = [
          `${c.staffNeeded} staff`,
          ...(c.skills?.length ? [`skills ${c.skills.join(', ')}`] : []),
          ...(c.language !== undefined ? [`language ${c.language}`] : []),
        ].join(', ');
        return reason('unplanned.no-matching-agent', { needs });
      };

      const unplannedReason = (
        why: UnassignedReason,
        c: PlanningCandidate,
        teams: readonly Team[],
        people: number,
        date: string,
      ): Reason<Code> => {
        switch (why) {
          case 'no-skilled-agent':
            return whyNoTeam(c, teams, people, date);
          case 'capacity':
            return reason('unplanned.capacity', {
              agents: teams.filter((t) => qualifies(t, c)).length,
              date,
            });
          case 'no-feasible-window':
            return reason('unplanned.no-window', { date, minutes: minutesOf(c), windows: c.windows.length });
          case 'no-room':
            return reason('unplanned.no-room', { priority: c.priority });
        }
      };

      const toCityAgent = ({ id, team }: DayTeam<Code>): CityAgent => {
        const lead = team.members[0]!;
        return {
          id,
          start: lead.position,
          end: lead.agent.end ?? lead.agent.base,
          shift: team.shift,
          skills: team.skills,
          languages: team.languages,
          staff: team.staff,
          maxVisits: team.maxVisits,
        };
      };

      const toCityVisits = (
        demands: readonly Demand[],
        teams: readonly DayTeam<Code>[],
        preferredTeam: ReadonlyMap<string, string>,
      ): CityVisit[] =>
        demands.map(({ candidate: c, windows, worth }) => {
          const allowed = teams.filter((t) => coversPlace(t.team, c)).map((t) => t.id);
          const preferred = preferredTeam.get(c.caseId);
          return {
            id: c.caseId,
            position: c.location,
            serviceMinutes: minutesOf(c),
            priority: worth,
            skills: c.skills,
            language: c.language,
            minStaff: c.staffNeeded,
            allowed: windows,
            ...(allowed.length < teams.length ? { agentIds: allowed } : {}),
            ...(preferred === undefined ? {} : { preferredAgentId: preferred }),
          };
        });

      return {
        plan: (input) => {
          const { tenant, date } = input;
          const zone = tenant.timeZone;
          const local = (instant: Instant | number) =>
            instantToZoned(typeof instant === 'number' ? toInstant(instant) : instant, zone).time.slice(0, 5);
          const defaultShift = {
            start: ms(zonedToInstant(date, options.dayStart, zone)),
            end: ms(zonedToInstant(date, options.dayEnd, zone)),
          };
          const shiftOf = (a: PlanningAgent): Span =>
            a.shift ? { start: ms(a.shift.start), end: ms(a.shift.end) } : defaultShift;
          const travel = input.travel
            ? tableTravel(input.travel)
            : {
                detourFactor: options.detourFactor,
                metersPerSecond: options.speedKmh * KMH_TO_METERS_PER_SECOND,
              };
          const dropped = new Set<string>(input.droppedAgentIds ?? []);
          const { previous } = input;
          const replan =
            input.replan ??
            (previous
              ? {
                  // A re-plan before the day starts: nothing done, the dropped agents gone all day.
                  at: toInstant(Math.min(...input.agents.map((a) => shiftOf(a).start), defaultShift.start)),
                  progress: [],
                  unavailable: [],
                  urgentCaseIds: [],
                }
              : undefined);
          const urgent = new Set<string>(replan?.urgentCaseIds ?? []);
          const fixedCases = new Set<string>(replan?.progress.map((p) => p.caseId) ?? []);
          const candidates = input.candidates.filter((c) => !fixedCases.has(c.caseId));
          const demands = demandsOf(candidates, urgent);

          // Who works in which team, from where and from when.
          const dayTeams: DayTeam<Code>[] = [];
          const idleAgents: NonNullable<Proposal['idleAgents']> = [];
          let broken: BrokenTeam[] = [];
          let continuing: ContinuingTeam[] = [];
          let spares: Member[];
          let people: number;
          if (previous && replan) {
            const state = dayState(previous, replan, input.agents, shiftOf, input.droppedAgentIds ?? []);
            ({ continuing, broken } = state);
            spares = state.spares;
            people = spares.length + continuing.reduce((s, t) => s + t.members.length, 0);
            for (const t of continuing) {
              const team = teamOf(t.members, true);
              const reasons: Reason<Code>[] = [
                t.restart.kind === 'check-in'
                  ? reason('replan.start-check-in', {
                      time: local(team.shift.start),
                      caseId: t.restart.caseId,
                      at: local(t.restart.at),
                    })
                  : reason('replan.start-base', { time: local(team.shift.start) }),
                ...(t.leaves
                  ? [reason('replan.ends', { time: local(t.leaves.at), agentId: t.leaves.agentId })]
                  : []),
              ];
              dayTeams.push({
                id: String(dayTeams.length),
                agentIds: t.route.agentIds,
                team,
                fixed: t.fixed,
                reasons,
              });
            }
            for (const gone of state.gone) {
              idleAgents.push({
                agentId: gone.agentId,
                reasons: [
                  reason('team.unavailable', {
                    from: Number.isFinite(gone.at) ? local(gone.at) : 'the start of the day',
                  }),
                ],
              });
            }
          } else {
            spares = input.agents
              .filter((a) => !dropped.has(a.agentId))
              .map((agent) => ({ agent, shift: shiftOf(agent), position: agent.base }));
            people = spares.length;
          }
          const rules = teamRules(candidates, Math.max(1, people));
          const formed = formTeams(spares, demands, rules);
          for (const team of formed.teams) {
            const agentIds = team.members.map((m) => m.agent.agentId);
            dayTeams.push({ id: String(dayTeams.length), agentIds, team, fixed: [], reasons: [] });
          }
          for (const { member, why } of formed.idle) {
            idleAgents.push({
              agentId: member.agent.agentId,
              reasons: [idleReason(why, rules.size, formed.idle.length)],
            });
          }

          // A case the plan in force gave a team that goes on prefers that team.
          const teamIdOf = new Map(
            continuing.map((t, i) => [t.route.agentIds.join('+'), dayTeams[i]!.id] as const),
          );
          const before = new Map(
            (previous?.routes ?? []).flatMap((route) =>
              route.stops.map((stop) => [stop.caseId as string, { route, stop }] as const),
            ),
          );
          const preferredTeam = new Map<string, string>();
          for (const [caseId, { route }] of before) {
            const id = teamIdOf.get(route.agentIds.join('+'));
            if (id !== undefined) preferredTeam.set(caseId, id);
          }
          const cityPlan: CityDayPlan = planCityDay(
            toCityVisits(demands, dayTeams, preferredTeam),
            dayTeams.map(toCityAgent),
            {
              travel,
              objective: options.objective,
              seed: options.seed,
              ...budget,
              ...(balance ? { balance } : {}),
              ...(previous
                ? {
                    initial: continuing.map((t, i) => ({
                      agentId: dayTeams[i]!.id,
                      visitIds: t.rest.map((s) => s.caseId),
                    })),
                    reassignmentMeters: options.replanStickinessMeters,
                  }
                : {}),
            },
          );

          const candidateOf = new Map(candidates.map((c) => [c.caseId as string, c]));
          const brokenBy = new Map(broken.map((b) => [b.route.agentIds.join('+'), b] as const));
          const at = replan?.at ?? input.now;
          const progress = new Map(replan?.progress.map((p) => [p.caseId as string, p]) ?? []);

          const whatChanged = (
            caseId: CaseId,
            agentIds: AgentId[],
            order: number,
            from: Instant,
          ): Reason<Code>[] => {
            if (!previous) return [];
            const was = before.get(caseId);
            const names = agentIds.join(' + ');
            if (was === undefined) {
              return urgent.has(caseId)
                ? [reason('replan.urgent', { agentIds: names, at: local(at) })]
                : [reason('replan.added', { agentIds: names })];
            }
            const fromAgentIds = was.route.agentIds.join(' + ');
            if (fromAgentIds !== names) {
              const cause = brokenBy.get(was.route.agentIds.join('+'))?.out;
              return cause
                ? [
                    reason('replan.moved-unavailable', {
                      fromAgentIds,
                      agentIds: names,
                      agentId: cause.agentId,
                      from: Number.isFinite(cause.at) ? local(cause.at) : 'the start of the day',
                    }),
                  ]
                : [reason('replan.moved', { fromAgentIds, agentIds: names, at: local(at) })];
            }
            if (was.stop.order === order && ms(was.stop.window.start) === ms(from)) return [];
            return [
              reason('replan.shifted', {
                agentIds: names,
                wasOrder: was.stop.order,
                wasFrom: local(was.stop.window.start),
                order,
                from: local(from),
              }),
            ];
          };

          const solvedRoute = new Map(cityPlan.routes.map((r) => [r.agentId, r]));
          const keptReasons = (caseId: string): Reason<Code>[] => {
            const p = progress.get(caseId);
            const checkedIn = p?.checkIn ? local(p.checkIn.at) : 'an unrecorded time';
            return [
              p?.state === 'under-way'
                ? reason('replan.kept-under-way', { at: checkedIn })
                : reason('replan.kept-done', { at: checkedIn }),
            ];
          };
          // Every team of the day, idle ones too: an idle team next to a full one is what balance is about.
          const built: Array<{ route: Proposal['routes'][number]; solved?: CityRoute }> = [];
          const addRoute = (
            agentIds: AgentId[],
            fixed: Stops,
            solved: CityRoute | undefined,
            routeReasons: Reason<Code>[],
          ) => {
            const stops: Proposal['routes'][number]['stops'] = fixed.map((stop, i) => ({
              caseId: stop.caseId,
              window: stop.window,
              order: i + 1,
              reasons: keptReasons(stop.caseId),
            }));
            for (const s of solved?.stops ?? []) {
              const c = candidateOf.get(s.visitId)!;
              const window = { start: toInstant(s.start), end: toInstant(s.end) };
              const order = stops.length + 1;
              stops.push({
                caseId: c.caseId,
                window,
                order,
                reasons: [
                  reason('route.stop', {
                    order,
                    agentId: agentIds[0]!,
                    from: local(window.start),
                    to: local(window.end),
                    priority: c.priority,
                  }),
                  ...whatChanged(c.caseId, agentIds, order, window.start),
                ],
              });
            }
            built.push({ route: { agentIds, stops, reasons: routeReasons }, ...(solved ? { solved } : {}) });
          };
          for (const t of dayTeams)
            addRoute(t.agentIds, t.fixed, solvedRoute.get(t.id), [...t.reasons, teamReason(t.team)]);
          for (const b of broken) if (b.fixed.length > 0) addRoute(b.route.agentIds, b.fixed, undefined, []);

          const allTeams = dayTeams.map((t) => t.team);
          const unplanned: Proposal['unplanned'] = cityPlan.unassigned.map(({ visitId, reason: why }) => {
            const c = candidateOf.get(visitId)!;
            const was = before.get(visitId);
            return {
              caseId: c.caseId,
              reasons: [
                unplannedReason(why, c, allTeams, people, date),
                ...(was
                  ? [
                      reason('replan.unplanned', {
                        order: was.stop.order,
                        agentIds: was.route.agentIds.join(' + '),
                      }),
                    ]
                  : []),
              ],
            };
          });
          const routes = built.map((b) => b.route).filter((route) => route.stops.length > 0);
          return { routes, unplanned, idleAgents, workload: workloadOf(built, options.balance) };
        },
      };
    },
  });

/** The plugin without a clock: plans are reproducible from input, options and seed. */
export const routeOptimised = createRouteOptimised();
