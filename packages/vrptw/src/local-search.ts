import { type Plan, refresh } from './plan';
import { nextStart, type Problem } from './problem';

/**
 * Deterministic descent over two neighbourhoods: exchanging the tails of two routes (2-opt*) and moving a
 * segment of up to three visits into another route, either way round (relocate / or-opt). Annealed
 * ruin-and-recreate usually ends where neither improves, but a run that froze on a tight, minimal fleet
 * can leave such moves behind (up to 5% of the distance on RC202 in our runs), and they cost
 * milliseconds to find. Every test reads the routes' forward and backward schedule passes: O(1) per tail
 * exchange, O(segment length) per relocation; an applied move recomputes the two routes.
 */

const EPSILON = 1e-9;

/** Applies the best improving move of each kind in turn until neither improves. Returns the saving. */
export function descend(p: Problem, plan: Plan): number {
  let saved = 0;
  for (;;) {
    const gain = bestTailExchange(p, plan) + bestRelocation(p, plan);
    if (gain <= EPSILON) return saved;
    saved += gain;
  }
}

/** Load carried up to and including each position (depots included) of a route. */
function prefixLoads(p: Problem, visits: readonly number[]): Float64Array {
  const prefix = new Float64Array(visits.length + 2);
  for (let i = 1; i <= visits.length; i++) prefix[i] = prefix[i - 1]! + p.demand[visits[i - 1]!]!;
  prefix[visits.length + 1] = prefix[visits.length]!;
  return prefix;
}

/**
 * 2-opt*: route a keeps positions 0..i and continues with b's visits after position j, b keeps 0..j and
 * continues with a's after i. Only routes of one vehicle class trade tails, so each tail keeps the end
 * depot, shift end, capacity and skills its backward pass was computed for and `late` stays valid.
 * Routes without visits are left alone: filling one would add a vehicle. Applies the best exchange and
 * returns its saving (0 when none improves).
 */
export function bestTailExchange(p: Problem, plan: Plan): number {
  const { dist, time, size } = p;
  let best = EPSILON;
  let bestA = -1;
  let bestB = -1;
  let bestI = -1;
  let bestJ = -1;
  const { routes } = plan;
  const loads = routes.map((route) => prefixLoads(p, route.visits));
  for (let a = 0; a < routes.length; a++) {
    const ra = routes[a]!;
    const ma = ra.visits.length;
    if (ma === 0) continue;
    const ka = ra.vehicle;
    const capacity = p.capacity[ka]!;
    const la = loads[a]!;
    for (let b = a + 1; b < routes.length; b++) {
      const rb = routes[b]!;
      const mb = rb.visits.length;
      if (mb === 0 || p.vehicleClass[rb.vehicle] !== p.vehicleClass[ka]) continue;
      const lb = loads[b]!;
      for (let i = 0; i <= ma; i++) {
        const ai = ra.loc[i]!;
        const aNext = ra.loc[i + 1]!;
        const leaveA = ra.early[i]! + ra.svc[i]!;
        const oldA = dist[ai * size + aNext]!;
        for (let j = 0; j <= mb; j++) {
          // Whole routes swapped between identical vehicles, or nothing moved: no change.
          if ((i === 0 && j === 0) || (i === ma && j === mb)) continue;
          const bj = rb.loc[j]!;
          const bNext = rb.loc[j + 1]!;
          let delta = dist[ai * size + bNext]! + dist[bj * size + aNext]! - oldA - dist[bj * size + bNext]!;
          // A route left with no visits costs nothing, not the depot-to-depot arc.
          if (i === 0 && j === mb) delta -= dist[ai * size + bNext]!;
          if (j === 0 && i === ma) delta -= dist[bj * size + aNext]!;
          if (-delta <= best) continue;
          if (la[i]! + lb[mb]! - lb[j]! > capacity || lb[j]! + la[ma]! - la[i]! > capacity) continue;
          if (leaveA + time[ai * size + bNext]! > rb.late[j + 1]!) continue;
          if (rb.early[j]! + rb.svc[j]! + time[bj * size + aNext]! > ra.late[i + 1]!) continue;
          best = -delta;
          bestA = a;
          bestB = b;
          bestI = i;
          bestJ = j;
        }
      }
    }
  }
  if (bestA === -1) return 0;
  const ra = routes[bestA]!;
  const rb = routes[bestB]!;
  const tailA = ra.visits.slice(bestI);
  ra.visits = ra.visits.slice(0, bestI).concat(rb.visits.slice(bestJ));
  rb.visits = rb.visits.slice(0, bestJ).concat(tailA);
  refresh(p, plan, bestA);
  refresh(p, plan, bestB);
  return best;
}

/** Longest run of consecutive visits moved as one (or-opt); 1 is a plain relocation. */
const MAX_SEGMENT = 3;

/**
 * Moves the segment of visits at positions i..i+length-1 of route a (1-based, as in the schedule arrays)
 * between positions j-1 and j of another route b, in the same or reversed order. Route a stays feasible
 * when the visit after the segment is reached by its latest start; the segment's own starts are
 * propagated through b's schedule. Applies the best move and returns its saving.
 */
export function bestRelocation(p: Problem, plan: Plan): number {
  const { dist, time, size, vehicleCount } = p;
  const { routes } = plan;
  let best = EPSILON;
  let bestA = -1;
  let bestB = -1;
  let bestI = -1;
  let bestLength = 0;
  let bestJ = -1;
  let bestReversed = false;
  for (let a = 0; a < routes.length; a++) {
    const ra = routes[a]!;
    const ma = ra.visits.length;
    for (let length = 1; length <= Math.min(MAX_SEGMENT, ma); length++) {
      for (let i = 1; i + length - 1 <= ma; i++) {
        const last = i + length - 1;
        const before = ra.loc[i - 1]!;
        const after = ra.loc[last + 1]!;
        // The route emptied by the move drops its depot arcs too.
        const emptied = length === ma;
        let removal = dist[before * size + ra.loc[i]!]! + dist[ra.loc[last]! * size + after]!;
        if (!emptied) {
          removal -= dist[before * size + after]!;
          if (ra.early[i - 1]! + ra.svc[i - 1]! + time[before * size + after]! > ra.late[last + 1]!) continue;
        }
        let segmentLoad = 0;
        let inner = 0;
        // Travel inside the segment backwards, which an asymmetric matrix prices differently.
        let innerReversed = 0;
        for (let s = i; s <= last; s++) {
          segmentLoad += p.demand[ra.visits[s - 1]!]!;
          if (s === last) continue;
          inner += dist[ra.loc[s]! * size + ra.loc[s + 1]!]!;
          innerReversed += dist[ra.loc[s + 1]! * size + ra.loc[s]!]!;
        }
        removal += inner;
        for (let b = 0; b < routes.length; b++) {
          const rb = routes[b]!;
          const mb = rb.visits.length;
          // Opening a route is the construction's and annealing's call, not the descent's.
          if (b === a || mb === 0) continue;
          const kb = rb.vehicle;
          if (rb.load + segmentLoad > p.capacity[kb]!) continue;
          let compatible = true;
          for (let s = i; s <= last && compatible; s++)
            compatible = p.compatible[ra.visits[s - 1]! * vehicleCount + kb] === 1;
          if (!compatible) continue;
          for (let reversed = 0; reversed < (length > 1 ? 2 : 1); reversed++) {
            const first = reversed ? last : i;
            const end = reversed ? i : last;
            const step = reversed ? -1 : 1;
            const within = reversed ? innerReversed : inner;
            for (let j = 1; j <= mb + 1; j++) {
              const prev = rb.loc[j - 1]!;
              const next = rb.loc[j]!;
              const delta =
                dist[prev * size + ra.loc[first]!]! +
                within +
                dist[ra.loc[end]! * size + next]! -
                dist[prev * size + next]! -
                removal;
              if (-delta <= best) continue;
              let t = rb.early[j - 1]! + rb.svc[j - 1]!;
              let at = prev;
              for (let s = first; ; s += step) {
                const v = ra.visits[s - 1]!;
                t = nextStart(p, v, t + time[at * size + ra.loc[s]!]!);
                if (t === Number.POSITIVE_INFINITY) break;
                t += p.service[v]!;
                at = ra.loc[s]!;
                if (s === end) break;
              }
              if (t === Number.POSITIVE_INFINITY || t + time[at * size + next]! > rb.late[j]!) continue;
              best = -delta;
              bestA = a;
              bestB = b;
              bestI = i;
              bestLength = length;
              bestJ = j;
              bestReversed = reversed === 1;
            }
          }
        }
      }
    }
  }
  if (bestA === -1) return 0;
  const ra = routes[bestA]!;
  const rb = routes[bestB]!;
  const segment = ra.visits.splice(bestI - 1, bestLength);
  if (bestReversed) segment.reverse();
  rb.visits.splice(bestJ - 1, 0, ...segment);
  refresh(p, plan, bestA);
  refresh(p, plan, bestB);
  return best;
}
