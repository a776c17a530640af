import type { CityAgent, CityVisit, Interval } from '../city-day';
import { createRng } from '../rng';

const HOUR = 3_600_000;
/** 2026-11-30 08:00 in Shenzhen (UTC+8). */
const EIGHT_LOCAL = Date.UTC(2026, 10, 30, 0);
const local = (from: number, to: number): Interval => ({
  start: EIGHT_LOCAL + (from - 8) * HOUR,
  end: EIGHT_LOCAL + (to - 8) * HOUR,
});

/**
 * A seeded synthetic field day in central Shenzhen: visits in the legal hours 08:00-22:00 local, some
 * only in the evening or in two separate slots, a third needing a team of two, some Cantonese-only or
 * needing a legal-trained agent; agents on day or late shifts, half of them pairs.
 */
export function syntheticCityDay(
  visitCount: number,
  agentCount: number,
  seed = 1,
): { readonly visits: CityVisit[]; readonly agents: CityAgent[] } {
  const rng = createRng(seed);
  const pick = (from: number, to: number): number => from + rng() * (to - from);
  const position = () => ({ lat: 22.543 + pick(-0.05, 0.05), lon: 114.058 + pick(-0.07, 0.07) });
  const visits = Array.from({ length: visitCount }, (_, i): CityVisit => {
    const shape = rng();
    const allowed =
      shape < 0.6 ? [local(8, 22)] : shape < 0.8 ? [local(18, 21)] : [local(9, 11.5), local(14, 17)];
    return {
      id: `vis_${i}`,
      position: position(),
      serviceMinutes: Math.round(pick(20, 40)),
      priority: 1 + Math.floor(rng() * 5),
      skills: rng() < 0.1 ? ['legal'] : [],
      language: rng() < 0.2 ? 'yue' : 'zh',
      minStaff: rng() < 0.3 ? 2 : 1,
      allowed,
    };
  });
  const agents = Array.from({ length: agentCount }, (_, i): CityAgent => {
    const late = i % 4 >= 2;
    return {
      id: `agt_${i}`,
      start: position(),
      end: i % 5 === 0 ? { lat: 22.543, lon: 114.058 } : undefined,
      shift: late ? local(12, 21.5) : local(8.5, 18),
      skills: rng() < 0.3 ? ['legal'] : [],
      languages: rng() < 0.4 ? ['zh', 'yue'] : ['zh'],
      staff: i % 2 === 0 ? 2 : 1,
      maxVisits: 9,
    };
  });
  return { visits, agents };
}
