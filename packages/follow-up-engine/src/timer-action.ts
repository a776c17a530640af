import {
  CASE_TRANSITIONS,
  type CaseEventType,
  type CaseStatus,
  type FollowUpKind,
  formatMoney,
  type Reason,
  type Veto,
  type VisitPurpose,
} from '@doorstep/core';
import {
  type ContactAction,
  type CustomerContactFacts,
  decideAfterCure,
  decideEducation,
} from './contact-action';
import type { OutboundEvent } from './events';
import {
  type InstalmentSettlement,
  nextInstalmentDue,
  type PlanFacts,
  settleDueInstalments,
} from './instalments';
import { type PaymentFact, type PromiseFacts, settlePromise } from './promise-check';
import { type EngineReason, engineReason } from './reasons';
import type { TimerPayload } from './timer-plan';

/** Everything a due timer's decision looks at, read by the worker in one round trip. */
export interface TimerFacts {
  now: number;
  timeZone: string;
  caseId: string;
  caseStatus: CaseStatus;
  kind: FollowUpKind;
  payload: TimerPayload;
  promise: PromiseFacts | null;
  plan: PlanFacts | null;
  /** The case's payments (from the promise's creation or the plan's acceptance on). */
  payments: readonly PaymentFact[];
  /** The customer as they are now, for timers that contact them (lessons, check-ins after a cure). */
  customer: CustomerContactFacts | null;
  /**
   * What compliance says about this kind of action on this customer now (`judgeAction` with the
   * kind's stance): null when nothing bars it, else the rule that does and every veto.
   */
  barred: { barredBy: Veto; vetoes: readonly Veto[] } | null;
}

export interface CaseChange {
  from: CaseStatus;
  to: CaseStatus;
}

interface Announced {
  events: OutboundEvent[];
  reasons: Reason[];
}

/**
 * A follow-up compliance barred: the timer ends `suppressed` under the rule, nothing reaches the
 * customer and nothing follows from it. What it would have settled is closed so that no later timer
 * takes it up again: the promise it would have checked is cancelled, the instalments it would have
 * settled are suspended.
 */
export interface Suppression {
  kind: 'suppress';
  timerState: 'suppressed';
  rule: string;
  vetoes: readonly Veto[];
  cancelPromiseId: string | null;
  suspendInstalments: { planId: string; sequences: number[] } | null;
  events: [];
  reasons: EngineReason[];
}

/** What a due timer does. `none` closes the timer without writing anything else. */
export type TimerAction =
  | { kind: 'none'; timerState: 'done' | 'cancelled'; events: []; reasons: Reason[] }
  | Suppression
  | ({ kind: 'request_visit'; purpose: VisitPurpose } & Announced)
  | ({ kind: 'request_restructure' } & Announced)
  | ({
      kind: 'settle_promise';
      promiseId: string;
      status: 'kept' | 'partly_kept' | 'broken';
      paidMinor: number;
    } & Announced)
  | ({ kind: 'remind_instalment'; planId: string; sequence: number } & Announced)
  | ({
      kind: 'settle_instalments';
      planId: string;
      settled: InstalmentSettlement[];
      planStatus: 'accepted' | 'completed' | 'broken';
      /** The case leaves follow-up for screening when its plan breaks, if the case machine allows it. */
      caseChange: CaseChange | null;
    } & Announced)
  | ({ kind: 'request_check_in_call' } & Announced)
  | ({ kind: 'escalate'; caseChange: CaseChange } & Announced)
  | ContactAction;

type TakenAction = Exclude<TimerAction, Suppression>;

const ACTIVE: readonly CaseStatus[] = ['open', 'screened', 'planned', 'visited', 'in_follow_up', 'escalated'];

/** Follow-ups act only on a live case: once cured or closed, every remaining timer stops. */
export const isFollowUpActive = (status: CaseStatus): boolean => ACTIVE.includes(status);

const none = (timerState: 'done' | 'cancelled', reason: EngineReason): TakenAction => ({
  kind: 'none',
  timerState,
  events: [],
  reasons: [reason],
});

const changeFor = (status: CaseStatus, event: CaseEventType): CaseChange | null => {
  const to = CASE_TRANSITIONS[event][status];
  return to === undefined ? null : { from: status, to };
};

const checkInstalments = (facts: TimerFacts, plan: PlanFacts): TakenAction => {
  const verdict = settleDueInstalments(plan, facts.payments, facts.now);
  if (verdict.settled.length === 0)
    return none('done', engineReason('plan.not-active', { status: plan.status }));
  const money = (minor: number) => formatMoney(minor, plan.currency);
  const events: OutboundEvent[] = verdict.settled.map((s) => ({
    type: s.status === 'paid' ? 'instalment.paid' : 'instalment.missed',
    caseId: facts.caseId,
    data: {
      planId: plan.id,
      sequence: s.sequence,
      paidMinor: s.paidMinor,
      shortfallMinor: s.shortfallMinor,
      currency: plan.currency,
    },
  }));
  const reasons: EngineReason[] = verdict.settled.map((s) =>
    s.status === 'paid'
      ? engineReason('instalment.paid', { sequence: s.sequence, paid: money(s.paidMinor) })
      : engineReason('instalment.short', { sequence: s.sequence, shortfall: money(s.shortfallMinor) }),
  );
  const base = { kind: 'settle_instalments', planId: plan.id, settled: verdict.settled } as const;
  if (verdict.outcome === 'broken') {
    const caseChange = changeFor(facts.caseStatus, 'plan_broken');
    events.push({
      type: 'plan.broken',
      caseId: facts.caseId,
      data: { planId: plan.id, missedSequence: verdict.missed.sequence },
    });
    reasons.push(
      caseChange === null
        ? engineReason('case.transition-refused', { status: facts.caseStatus, event: 'plan_broken' })
        : engineReason('plan.broken', { sequence: verdict.missed.sequence }),
    );
    return { ...base, planStatus: 'broken', caseChange, events, reasons };
  }
  if (verdict.outcome === 'completed') {
    events.push({ type: 'plan.completed', caseId: facts.caseId, data: { planId: plan.id } });
    reasons.push(engineReason('plan.completed', {}));
    return { ...base, planStatus: 'completed', caseChange: null, events, reasons };
  }
  return { ...base, planStatus: 'accepted', caseChange: null, events, reasons };
};

/** The suppression of an action compliance bars, closing what it would have settled. */
const suppress = (
  action: Exclude<TakenAction, { kind: 'none' }>,
  kind: FollowUpKind,
  barred: NonNullable<TimerFacts['barred']>,
): Suppression => {
  const { rule, message } = barred.barredBy;
  return {
    kind: 'suppress',
    timerState: 'suppressed',
    rule,
    vetoes: barred.vetoes,
    cancelPromiseId: action.kind === 'settle_promise' ? action.promiseId : null,
    suspendInstalments:
      action.kind === 'settle_instalments'
        ? { planId: action.planId, sequences: action.settled.map((s) => s.sequence) }
        : null,
    events: [],
    reasons: [engineReason('compliance.suppressed', { kind, rule, message })],
  };
};

/**
 * Decides what a due timer does, from facts read at the moment it fires (not when it was scheduled):
 * a payment that arrived since, a cure, a plan that broke earlier, a flag raised on the customer all
 * change the answer. An action compliance bars is suppressed instead of taken; a timer with nothing to
 * do (a promise already settled) just ends, barred or not.
 *
 * @example
 * const action = decideTimerAction({ ...facts, kind: 'promise_check' });
 * if (action.kind === 'settle_promise') action.status; // 'kept' | 'partly_kept' | 'broken'
 */
export const decideTimerAction = (facts: TimerFacts): TimerAction => {
  // Contact after a cure is the one follow-up that acts on a case no longer in collection.
  const afterCure = facts.kind === 'after_cure_check_in' || facts.kind === 'after_cure_lesson';
  if (!afterCure && !isFollowUpActive(facts.caseStatus))
    return none('cancelled', engineReason('case.inactive', { status: facts.caseStatus }));
  const action = actionFor(facts);
  if (action.kind === 'none' || facts.barred === null) return action;
  return suppress(action, facts.kind, facts.barred);
};

const actionFor = (facts: TimerFacts): TakenAction => {
  const { caseId, caseStatus } = facts;
  switch (facts.kind) {
    case 'revisit': {
      const reason = engineReason('revisit.requested', {});
      return {
        kind: 'request_visit',
        purpose: 'understand_situation',
        events: [{ type: 'follow_up.revisit_requested', caseId, data: { purpose: 'understand_situation' } }],
        reasons: [reason],
      };
    }
    case 'hardship_review':
      return {
        kind: 'request_visit',
        purpose: 'hardship_review',
        events: [
          { type: 'follow_up.hardship_review_requested', caseId, data: { purpose: 'hardship_review' } },
        ],
        reasons: [engineReason('hardship.requested', {})],
      };
    case 'check_in_call':
      return {
        kind: 'request_check_in_call',
        events: [{ type: 'follow_up.check_in_call_requested', caseId, data: {} }],
        reasons: [engineReason('check-in-call.requested', {})],
      };
    case 'restructure_plan':
      return {
        kind: 'request_restructure',
        events: [{ type: 'follow_up.restructure_requested', caseId, data: {} }],
        reasons: [engineReason('restructure.requested', {})],
      };
    case 'escalation': {
      const caseChange = changeFor(caseStatus, 'escalated');
      if (caseChange === null)
        return none(
          'done',
          engineReason('case.transition-refused', { status: caseStatus, event: 'escalated' }),
        );
      return {
        kind: 'escalate',
        caseChange,
        events: [{ type: 'case.escalated', caseId, data: { from: caseChange.from } }],
        reasons: [engineReason('escalation.applied', {})],
      };
    }
    case 'education':
      return facts.customer === null
        ? none('cancelled', engineReason('customer.unread', {}))
        : decideEducation({ ...facts, customer: facts.customer });
    case 'after_cure_check_in':
    case 'after_cure_lesson':
      return facts.customer === null
        ? none('cancelled', engineReason('customer.unread', {}))
        : decideAfterCure({ ...facts, customer: facts.customer }, facts.kind);
    case 'promise_check': {
      const promise = facts.promise;
      if (promise === null || promise.status !== 'open')
        return none('done', engineReason('promise.settled', { status: promise?.status ?? 'missing' }));
      const verdict = settlePromise(promise, facts.payments, facts.timeZone);
      return {
        kind: 'settle_promise',
        promiseId: promise.id,
        status: verdict.status,
        paidMinor: verdict.paidMinor,
        events: [
          {
            type: `promise.${verdict.status}`,
            caseId,
            data: {
              promiseId: promise.id,
              paidMinor: verdict.paidMinor,
              amountMinor: promise.amountMinor,
              currency: promise.currency,
            },
          },
        ],
        reasons: [verdict.reason],
      };
    }
    case 'instalment_reminder': {
      const plan = facts.plan;
      if (plan === null || plan.status !== 'accepted')
        return none('cancelled', engineReason('plan.not-active', { status: plan?.status ?? 'missing' }));
      const next = nextInstalmentDue(plan, facts.payments, facts.now);
      if (next === null) return none('done', engineReason('instalment.none-ahead', {}));
      const { sequence, dueDate } = next.instalment;
      return {
        kind: 'remind_instalment',
        planId: plan.id,
        sequence,
        events: [
          {
            type: 'instalment.reminder_due',
            caseId,
            data: {
              planId: plan.id,
              sequence,
              dueDate,
              outstandingMinor: next.outstandingMinor,
              currency: plan.currency,
            },
          },
        ],
        reasons: [engineReason('instalment.reminder', { sequence, outstanding: next.outstanding, dueDate })],
      };
    }
    case 'instalment_check': {
      const plan = facts.plan;
      if (plan === null || plan.status !== 'accepted')
        return none('cancelled', engineReason('plan.not-active', { status: plan?.status ?? 'missing' }));
      return checkInstalments(facts, plan);
    }
  }
};
