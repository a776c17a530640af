import { type AgentId, type CaseId, type PlanningProposal, toInstant } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { replanRefusal } from '../src/planning/replan-guard';

const at = (hh: number, mm = 0) => Date.UTC(2030, 0, 15, hh - 8, mm);
const stop = (caseId: string, from: number, to: number, order: number) => ({
  caseId: caseId as CaseId,
  window: { start: toInstant(from), end: toInstant(to) },
  order,
  reasons: [],
});
/** A pair's day: one visit done at 09:00, then one at 10:30 and one at 13:00. */
const answer = (...later: ReturnType<typeof stop>[]): PlanningProposal => ({
  routes: [
    {
      agentIds: ['agt_a', 'agt_b'] as AgentId[],
      stops: [stop('case_done', at(9), at(9, 45), 1), ...later],
    },
  ],
  unplanned: [],
});
const fixed = new Set(['case_done']);
const request = { at: at(10), unavailable: [{ agentId: 'agt_b', from: at(12) }] };

describe('the host’s guard on a planning policy’s re-plan', () => {
  it('applies an answer that starts after the re-plan and lets the leaving agent go in time', () => {
    const fine = answer(stop('case_1', at(10, 30), at(11, 15), 2));
    expect(replanRefusal(fine, request, fixed, 'route-optimised')).toBeNull();
  });

  it('refuses a stop planned before the re-plan, but not the visit kept fixed there', () => {
    const early = answer(stop('case_1', at(9, 50), at(10, 35), 2));
    expect(replanRefusal(early, request, fixed, 'greedy-routes')).toBe(
      `the planning policy greedy-routes does not re-plan mid-day (it planned before ${new Date(at(10)).toISOString()})`,
    );
    expect(replanRefusal(answer(), request, fixed, 'greedy-routes')).toBeNull();
  });

  it('refuses a stop that keeps an agent past the time they stop, and names them', () => {
    const late = answer(stop('case_1', at(10, 30), at(11, 15), 2), stop('case_2', at(11, 30), at(12, 15), 3));
    expect(replanRefusal(late, request, fixed, 'my-planner')).toBe(
      `the planning policy my-planner kept agt_b at case_2 until ${new Date(at(12, 15)).toISOString()}, after they stop at ${new Date(at(12)).toISOString()}`,
    );
    // Ending exactly as they leave is within their day.
    const onTime = answer(stop('case_1', at(11, 15), at(12), 2));
    expect(replanRefusal(onTime, request, fixed, 'my-planner')).toBeNull();
  });
});
