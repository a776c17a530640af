/**
 * A seeded field day in Shenzhen for the planning benches: customers around eight district centres with
 * the windows compliance and their own days leave (China: 08:00–22:00 local, two staff per visit), and
 * teams on a day or a late shift, some speaking Cantonese, some legal-trained.
 */
import type { AgentId, CaseId, PlanningAgent, PlanningCandidate, PlanningInput } from '@doorstep/core';
import { aTenant, seededRandom } from '@doorstep/testkit';

export const DATE = '2026-11-30';

// Shenzhen is UTC+8 all year: local hour h on DATE is h - 8 UTC.
export const at = (localHour: number) =>
  new Date(Date.UTC(2026, 10, 30) + (localHour - 8) * 3_600_000).toISOString();

// District centres; homes scatter ~3 km around them, all inside 22.5–22.75 N, 113.85–114.35 E.
const DISTRICTS = [
  { name: 'Futian', lat: 22.54, lon: 114.06 },
  { name: 'Luohu', lat: 22.55, lon: 114.13 },
  { name: 'Nanshan', lat: 22.53, lon: 113.93 },
  { name: "Bao'an", lat: 22.58, lon: 113.88 },
  { name: 'Longhua', lat: 22.66, lon: 114.03 },
  { name: 'Longgang', lat: 22.71, lon: 114.25 },
  { name: 'Yantian', lat: 22.57, lon: 114.24 },
  { name: 'Guangming', lat: 22.74, lon: 113.93 },
] as const;

/**
 * `visits` customers and `teams` teams: as agents standing for a pair each (`staff: 2`), or with
 * `people`, as two agents per team for the planner to pair up (one carries the team's skill, one
 * its Cantonese, the first of each pair is senior).
 */
export function shenzhenDay(
  seed: number,
  { visits, teams, people = false }: { visits: number; teams: number; people?: boolean },
): PlanningInput {
  const random = seededRandom(seed);
  const somewhere = () => {
    const d = random.pick(DISTRICTS);
    return { lat: d.lat + (random.next() - 0.5) * 0.05, lon: d.lon + (random.next() - 0.5) * 0.05 };
  };
  // Compliance allows 08:00–22:00; the customer's own day cuts it: office hours, or one busy stretch.
  const allowedWindows = (): PlanningCandidate['windows'] => {
    const shape = random.next();
    const busy: [number, number] = shape < 0.4 ? [9, 18] : [10 + random.int(0, 8), 0];
    if (shape >= 0.4) busy[1] = busy[0] + random.int(1, 3);
    return [
      { start: at(8), end: at(busy[0]) },
      { start: at(busy[1]), end: at(22) },
    ];
  };
  const candidates = Array.from(
    { length: visits },
    (_, i): PlanningCandidate => ({
      caseId: `case_${String(i).padStart(4, '0')}` as CaseId,
      priority: Math.round(random.logNormal(40, 0.5)),
      location: somewhere(),
      windows: allowedWindows(),
      durationMinutes: random.int(20, 45),
      staffNeeded: 2,
      skills: random.bool(0.1) ? ['legal'] : [],
      language: random.bool(0.2) ? 'yue' : 'zh',
    }),
  );
  const agents = Array.from({ length: teams }, (_, i): PlanningAgent[] => {
    // Half the teams work late: customers at work can only be met after 18:00.
    const shift = i % 2 === 1 ? { start: at(12), end: at(21.5) } : { start: at(8.5), end: at(18) };
    const base = somewhere();
    const skills = random.bool(0.3) ? ['legal'] : [];
    const cantonese = random.bool(0.4);
    const id = `agt_${String(i).padStart(2, '0')}`;
    if (!people) {
      const languages = cantonese ? ['zh', 'yue'] : ['zh'];
      return [{ agentId: id as AgentId, base, maxVisits: 9, shift, staff: 2, skills, languages }];
    }
    const near = { lat: base.lat + 0.002, lon: base.lon - 0.002 };
    return [
      {
        agentId: `${id}a` as AgentId,
        base,
        maxVisits: 9,
        shift,
        skills,
        languages: ['zh'],
        seniority: 'senior',
      },
      {
        agentId: `${id}b` as AgentId,
        base: near,
        maxVisits: 9,
        shift,
        languages: cantonese ? ['zh', 'yue'] : ['zh'],
        seniority: 'junior',
      },
    ];
  }).flat();
  return { now: at(6), tenant: aTenant({ timeZone: 'Asia/Shanghai' }), date: DATE, agents, candidates };
}
