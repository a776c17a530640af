import { EducationTopicSchema, type FollowUp, type FollowUpKind, type Reason } from '@doorstep/core';
import { z } from 'zod';

/**
 * What a timer row carries besides its kind: the promise or plan it checks, the module it assigns.
 * Instalment timers name the plan only: a check settles every instalment of the plan that is due by
 * then, a reminder announces the next one, so a timer never depends on a policy's reason data.
 */
export const TimerPayloadSchema = z.object({
  promiseId: z.string().optional(),
  planId: z.string().optional(),
  educationTopic: EducationTopicSchema.optional(),
  /** After a cure: whether contact needs the customer's yes (`opt-in`) or only the absence of a no. */
  consent: z.enum(['opt-in', 'opt-out']).optional(),
  monthsAfterCure: z.number().int().positive().optional(),
});
export type TimerPayload = z.infer<typeof TimerPayloadSchema>;

export interface TimerRefs {
  /** The open promise the outcome recorded, if any: promise checks look at it. */
  promiseId?: string | null;
  /** The accepted repayment plan, if any: instalment reminders and checks look at it. */
  planId?: string | null;
}

export interface TimerSpec {
  id: string;
  caseId: string;
  kind: FollowUpKind;
  dueAt: number;
  /** Same follow-up decided twice (a redelivered outcome) → same key → one timer. */
  idempotencyKey: string;
  payload: TimerPayload;
  reason: Reason;
}

const subjectOf = (kind: FollowUpKind, payload: TimerPayload): string => {
  if (kind === 'promise_check') return payload.promiseId ?? '';
  if (kind === 'instalment_reminder' || kind === 'instalment_check') return payload.planId ?? '';
  if (kind === 'education') return payload.educationTopic ?? '';
  return '';
};

export type TimerPlanProblem = { code: 'timer.missing-ref'; kind: FollowUpKind; ref: 'promiseId' | 'planId' };

/**
 * Turns the core's follow-up decisions into timer rows. A promise check without a promise, or an
 * instalment timer without a plan, is a caller mistake reported as a value, not silently dropped.
 */
export const planTimers = (
  decisions: readonly FollowUp[],
  refs: TimerRefs,
): { ok: true; timers: TimerSpec[] } | { ok: false; problem: TimerPlanProblem } => {
  const timers: TimerSpec[] = [];
  for (const decision of decisions) {
    const payload: TimerPayload = {};
    if (decision.kind === 'promise_check') {
      if (!refs.promiseId)
        return { ok: false, problem: { code: 'timer.missing-ref', kind: decision.kind, ref: 'promiseId' } };
      payload.promiseId = refs.promiseId;
    }
    if (decision.kind === 'instalment_reminder' || decision.kind === 'instalment_check') {
      if (!refs.planId)
        return { ok: false, problem: { code: 'timer.missing-ref', kind: decision.kind, ref: 'planId' } };
      payload.planId = refs.planId;
    }
    if (decision.educationTopic !== null) payload.educationTopic = decision.educationTopic;
    const dueAt = Date.parse(decision.dueAt);
    timers.push({
      id: decision.id,
      caseId: decision.caseId,
      kind: decision.kind,
      dueAt,
      idempotencyKey: `${decision.caseId}:${decision.kind}:${subjectOf(decision.kind, payload)}:${dueAt}`,
      payload,
      reason: decision.reason,
    });
  }
  return { ok: true, timers };
};
