import type { FollowUp } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { afterDeliveryAttempt, DELIVERY_RETRY_GAPS_MS, MAX_DELIVERY_ATTEMPTS } from './delivery-schedule';
import { planTimers } from './timer-plan';

const reason = { code: 'x', data: {}, message: 'x' };
const followUp = (kind: FollowUp['kind'], id: FollowUp['id'] = 'fu_1'): FollowUp => ({
  id,
  caseId: 'case_1',
  kind,
  dueAt: '2026-03-02T02:00:00.000Z',
  educationTopic: kind === 'education' ? 'budgeting' : null,
  reason,
});

describe('planTimers', () => {
  it('keys a follow-up by what it is, not by the id it was given, so a re-decision does not double it', () => {
    const first = planTimers([followUp('promise_check', 'fu_a')], { promiseId: 'ptp_1' });
    const again = planTimers([followUp('promise_check', 'fu_b')], { promiseId: 'ptp_1' });
    if (!first.ok || !again.ok) throw new Error('expected timers');
    expect(first.timers[0]?.idempotencyKey).toBe(again.timers[0]?.idempotencyKey);
    expect(first.timers[0]?.payload).toEqual({ promiseId: 'ptp_1' });
  });

  it('reports a check that has nothing to check', () => {
    expect(planTimers([followUp('instalment_check')], {})).toEqual({
      ok: false,
      problem: { code: 'timer.missing-ref', kind: 'instalment_check', ref: 'planId' },
    });
  });
});

describe('afterDeliveryAttempt', () => {
  it('spreads retries over more than a day before giving up', () => {
    const span = DELIVERY_RETRY_GAPS_MS.reduce((a, b) => a + b, 0);
    expect(span).toBeGreaterThan(24 * 3_600_000);
    expect(afterDeliveryAttempt({ attempts: 1, statusCode: 503, now: 0 })).toEqual({
      status: 'pending',
      nextAttemptAt: 5_000,
    });
    expect(afterDeliveryAttempt({ attempts: MAX_DELIVERY_ATTEMPTS, statusCode: null, now: 0 })).toEqual({
      status: 'failed',
    });
    expect(afterDeliveryAttempt({ attempts: 3, statusCode: 204, now: 0 })).toEqual({ status: 'delivered' });
  });
});
