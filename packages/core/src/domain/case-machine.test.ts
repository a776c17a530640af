import { describe, expect, test } from 'vitest';
import { aCase } from '../testing/builders';
import type { CaseEventType, CaseStatus } from './case';
import { allowedEvents, transition } from './case-machine';

const at = '2026-03-01T00:00:00Z';

describe('transition', () => {
  test.each<[CaseStatus, CaseEventType, CaseStatus]>([
    ['open', 'screened_eligible', 'screened'],
    ['screened', 'screened_ineligible', 'open'],
    ['screened', 'visit_planned', 'planned'],
    ['planned', 'visit_cancelled', 'screened'],
    ['planned', 'visit_completed', 'visited'],
    ['visited', 'follow_up_started', 'in_follow_up'],
    ['in_follow_up', 'plan_broken', 'screened'],
    ['in_follow_up', 'visit_planned', 'planned'],
    ['in_follow_up', 'paid_in_full', 'cured'],
    ['open', 'paid_in_full', 'cured'],
    ['visited', 'escalated', 'escalated'],
    ['planned', 'closed', 'closed'],
  ])('%s --%s--> %s', (from, event, to) => {
    const result = transition(aCase({ status: from }), { type: event, at });
    expect(result).toEqual({ ok: true, value: aCase({ status: to, updatedAt: at }) });
  });

  test.each<[CaseStatus, CaseEventType]>([
    ['open', 'visit_planned'],
    ['open', 'escalated'],
    ['screened', 'visit_completed'],
    ['cured', 'screened_eligible'],
    ['closed', 'paid_in_full'],
    ['escalated', 'closed'],
  ])('%s rejects %s as a typed error', (from, event) => {
    const result = transition(aCase({ status: from }), { type: event, at });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'CASE.ILLEGAL_TRANSITION', from, event, caseId: 'case_1' });
      expect(result.error.message).toContain(`${from}; ${event} is not allowed`);
    }
  });

  test('terminal statuses accept no events', () => {
    for (const status of ['cured', 'closed', 'escalated'] as const) expect(allowedEvents(status)).toEqual([]);
  });
});
