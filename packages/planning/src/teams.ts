import {
  type AgentId,
  type GeoPoint,
  greatCircleMeters,
  type PlanningAgent,
  type PlanningCandidate,
  type Territory,
  territoryCovers,
} from '@doorstep/core';

/** An interval in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** One person (or a team formed beforehand) with the day's shift and the place the day starts from. */
export interface Member {
  agent: PlanningAgent;
  shift: Span;
  /** Where the day (or, in a re-plan, the rest of it) starts, and the earliest it can. */
  position: GeoPoint;
}

/** A team the solver routes as one vehicle: the members' shared shift, their skills and languages together. */
export interface Team {
  /** Lead first: a senior before juniors, then by id. */
  members: Member[];
  staff: number;
  shift: Span;
  maxVisits: number;
  skills: string[];
  languages: string[];
  /** The territories of its members: a visit must lie in each of them. */
  territories: Territory[];
}

export interface TeamRules {
  /** People per team: the most staff any of the day's cases needs. */
  size: number;
  seniorInEveryTeam: boolean;
  /** Members must share this much of their shifts. */
  minOverlapMs: number;
}

/** Why a person of the day is in no team. */
export type IdleWhy = 'no-senior' | 'no-overlap' | 'left-over';

/** What a case asks of a team, with its worth, as team formation weighs it. */
export interface Demand {
  candidate: PlanningCandidate;
  windows: Span[];
  durationMs: number;
  worth: number;
}

const isSenior = (member: Member) => member.agent.seniority === 'senior';

const byLead = (a: Member, b: Member) =>
  Number(isSenior(b)) - Number(isSenior(a)) || (a.agent.agentId < b.agent.agentId ? -1 : 1);

/**
 * The team these people make: staff, shared shift, skills (with `senior`), languages, territories.
 * `asListed` keeps the members' order (a team of the plan in force keeps its lead).
 */
export function teamOf(people: readonly Member[], asListed = false): Team {
  const members = asListed ? [...people] : [...people].sort(byLead);
  const skills = new Set(members.flatMap((m) => m.agent.skills ?? []));
  if (members.some(isSenior)) skills.add('senior');
  return {
    members,
    staff: members.reduce((sum, m) => sum + (m.agent.staff ?? 1), 0),
    shift: {
      start: Math.max(...members.map((m) => m.shift.start)),
      end: Math.min(...members.map((m) => m.shift.end)),
    },
    maxVisits: Math.min(...members.map((m) => m.agent.maxVisits)),
    skills: [...skills].sort(),
    languages: [...new Set(members.flatMap((m) => m.agent.languages ?? []))].sort(),
    territories: members.flatMap((m) => (m.agent.territory ? [m.agent.territory] : [])),
  };
}

export const leadOf = (team: Team): AgentId => team.members[0]!.agent.agentId;

/** Whether the team may go to this customer: every member's territory covers the address. */
export const coversPlace = (team: Team, candidate: PlanningCandidate): boolean =>
  team.territories.every((territory) => territoryCovers(territory, candidate));

/** Whether the team brings what the case needs: staff, skills, language and the right territory. */
export function qualifies(team: Team, candidate: PlanningCandidate): boolean {
  return (
    team.staff >= candidate.staffNeeded &&
    (candidate.skills ?? []).every((skill) => team.skills.includes(skill)) &&
    (candidate.language === undefined || team.languages.includes(candidate.language)) &&
    coversPlace(team, candidate)
  );
}

/** Qualified, with visits to make and a window the shared shift leaves room in (travel aside). */
function canServe(team: Team, demand: Demand): boolean {
  if (team.maxVisits <= 0 || !qualifies(team, demand.candidate)) return false;
  return demand.windows.some(
    (w) => Math.min(w.end, team.shift.end) - Math.max(w.start, team.shift.start) >= demand.durationMs,
  );
}

/**
 * Forms the day's teams from the people available, rather than in the order they were listed: a team
 * is worth the cases it can serve, each case counting less for every other team that can already serve
 * it (1, ½, ¼ …), so rare skills, languages and territories spread over teams instead of doubling up in
 * one. The most constrained person is placed first, each team grown by the partner that adds most;
 * then members are swapped between teams while that serves more. Deterministic for its input.
 */
export function formTeams(
  people: readonly Member[],
  demands: readonly Demand[],
  rules: TeamRules,
): { teams: Team[]; idle: Array<{ member: Member; why: IdleWhy }> } {
  const formed = people.filter((m) => (m.agent.staff ?? 1) > 1).map((m) => teamOf([m]));
  const persons = people.filter((m) => (m.agent.staff ?? 1) <= 1);
  if (rules.size <= 1) return { teams: [...formed, ...persons.map((m) => teamOf([m]))], idle: [] };

  const covered = new Float64Array(demands.length);
  for (const team of formed) addCoverage(team, demands, covered, 1);
  const gain = (team: Team) => {
    let value = 0;
    demands.forEach((demand, c) => {
      if (canServe(team, demand)) value += demand.worth * 0.5 ** covered[c]!;
    });
    return value;
  };
  const overlaps = (a: Member, b: Member) =>
    Math.min(a.shift.end, b.shift.end) - Math.max(a.shift.start, b.shift.start) >= rules.minOverlapMs;
  const feasible = (group: readonly Member[]) =>
    group.every((a, i) => group.every((b, j) => i === j || overlaps(a, b))) &&
    (!rules.seniorInEveryTeam || group.length < rules.size || group.some(isSenior));
  // Close partners meet quicker: a tie goes to the nearer base.
  const nearness = (group: readonly Member[], p: Member) =>
    -group.reduce((s, m) => s + greatCircleMeters(m.position, p.position), 0) * 1e-9;

  const teams: Team[] = [...formed];
  const idle: Array<{ member: Member; why: IdleWhy }> = [];
  let pool = [...persons].sort(byLead);
  while (pool.length >= rules.size) {
    const partners = (p: Member) => pool.filter((q) => q !== p && overlaps(p, q)).length;
    const seed = pool.reduce((best, p) => (partners(p) < partners(best) ? p : best));
    const group = [seed];
    while (group.length < rules.size) {
      let best: Member | null = null;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (const p of pool) {
        if (group.includes(p)) continue;
        const candidate = [...group, p];
        if (!feasible(candidate)) continue;
        const value = gain(teamOf(candidate)) + nearness(group, p);
        if (value > bestValue) {
          bestValue = value;
          best = p;
        }
      }
      if (best === null) break;
      group.push(best);
    }
    if (group.length < rules.size) {
      idle.push({ member: seed, why: whyAlone(seed, pool, rules, overlaps) });
      pool = pool.filter((p) => p !== seed);
      continue;
    }
    const team = teamOf(group);
    addCoverage(team, demands, covered, 1);
    teams.push(team);
    pool = pool.filter((p) => !group.includes(p));
  }
  for (const member of pool) idle.push({ member, why: whyAlone(member, pool, rules, overlaps) });
  improveBySwaps(teams, formed.length, demands, covered, feasible);
  return { teams, idle };
}

function whyAlone(
  member: Member,
  pool: readonly Member[],
  rules: TeamRules,
  overlaps: (a: Member, b: Member) => boolean,
): IdleWhy {
  const others = pool.filter((p) => p !== member);
  if (rules.seniorInEveryTeam && !isSenior(member) && !others.some(isSenior)) return 'no-senior';
  if (!others.some((p) => overlaps(member, p))) return 'no-overlap';
  return 'left-over';
}

function addCoverage(team: Team, demands: readonly Demand[], covered: Float64Array, sign: 1 | -1): void {
  demands.forEach((demand, c) => {
    if (canServe(team, demand)) covered[c]! += sign;
  });
}

/** Sum over cases of worth × (1 − ½^teams able to serve it): what swaps between teams improve. */
function coverageValue(demands: readonly Demand[], covered: Float64Array): number {
  let value = 0;
  demands.forEach((demand, c) => {
    value += demand.worth * (1 - 0.5 ** covered[c]!);
  });
  return value;
}

/** Swaps one member of a team for one of another while the day's coverage value rises (at most 5 passes). */
function improveBySwaps(
  teams: Team[],
  fixed: number,
  demands: readonly Demand[],
  covered: Float64Array,
  feasible: (group: readonly Member[]) => boolean,
): void {
  for (let pass = 0; pass < 5; pass++) {
    let improved = false;
    for (let a = fixed; a < teams.length; a++) {
      for (let b = a + 1; b < teams.length; b++) {
        const [ta, tb] = [teams[a]!, teams[b]!];
        const before = coverageValue(demands, covered);
        addCoverage(ta, demands, covered, -1);
        addCoverage(tb, demands, covered, -1);
        let best: [Team, Team] | null = null;
        let bestValue = before + 1e-9;
        for (const ma of ta.members) {
          for (const mb of tb.members) {
            const ga = [...ta.members.filter((m) => m !== ma), mb];
            const gb = [...tb.members.filter((m) => m !== mb), ma];
            if (!feasible(ga) || !feasible(gb)) continue;
            const [na, nb] = [teamOf(ga), teamOf(gb)];
            addCoverage(na, demands, covered, 1);
            addCoverage(nb, demands, covered, 1);
            const value = coverageValue(demands, covered);
            addCoverage(na, demands, covered, -1);
            addCoverage(nb, demands, covered, -1);
            if (value > bestValue) {
              bestValue = value;
              best = [na, nb];
            }
          }
        }
        const [na, nb] = best ?? [ta, tb];
        addCoverage(na, demands, covered, 1);
        addCoverage(nb, demands, covered, 1);
        teams[a] = na;
        teams[b] = nb;
        improved ||= best !== null;
      }
    }
    if (!improved) return;
  }
}
