import type { CaseStatus, FollowUpKind } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import type { CustomerContactFacts } from './contact-action';
import type { PlanFacts } from './instalments';
import type { PromiseFacts } from './promise-check';
import { decideTimerAction, type TimerFacts } from './timer-action';

const day = 86_400_000;
const t0 = Date.parse('2026-03-01T02:00:00Z');
const plan: PlanFacts = {
  id: 'plan_1',
  status: 'accepted',
  currency: 'CNY',
  acceptedAt: t0,
  instalments: [1, 2, 3].map((sequence) => ({
    sequence,
    dueDate: `2026-0${sequence + 3}-01`,
    dueAt: t0 + sequence * 30 * day,
    amountMinor: 10_000,
    status: 'pending' as const,
  })),
};
const customer: CustomerContactFacts = {
  jurisdiction: 'cn',
  language: 'zh-CN',
  choice: null,
  assignedLessonIds: [],
  delinquentAgain: false,
};

const facts = (kind: FollowUpKind, overrides: Partial<TimerFacts> = {}): TimerFacts => ({
  now: t0 + 31 * day,
  timeZone: 'Asia/Shanghai',
  caseId: 'case_1',
  caseStatus: 'in_follow_up',
  kind,
  payload: {},
  promise: null,
  plan,
  payments: [],
  customer,
  barred: null,
  ...overrides,
});
const openPromise: PromiseFacts = {
  id: 'ptp_1',
  amountMinor: 5_000,
  currency: 'CNY',
  promisedDate: '2026-03-05',
  createdAt: t0,
  status: 'open',
};

const paid = (amountMinor: number, at = t0 + day) => ({ amountMinor, currency: 'CNY', paidAt: at });

describe('decideTimerAction', () => {
  it.each(['cured', 'closed'] satisfies CaseStatus[])(
    'stops every timer once the case is %s',
    (caseStatus) => {
      const kinds: FollowUpKind[] = [
        'revisit',
        'promise_check',
        'instalment_check',
        'education',
        'escalation',
      ];
      for (const kind of kinds) {
        expect(decideTimerAction(facts(kind, { caseStatus }))).toMatchObject({
          kind: 'none',
          timerState: 'cancelled',
        });
      }
    },
  );

  it.each([
    ['revisit', { kind: 'request_visit', purpose: 'understand_situation' }, 'follow_up.revisit_requested'],
    [
      'hardship_review',
      { kind: 'request_visit', purpose: 'hardship_review' },
      'follow_up.hardship_review_requested',
    ],
    ['restructure_plan', { kind: 'request_restructure' }, 'follow_up.restructure_requested'],
    [
      'escalation',
      { kind: 'escalate', caseChange: { from: 'in_follow_up', to: 'escalated' } },
      'case.escalated',
    ],
  ] as const)('%s announces what it does', (kind, expected, eventType) => {
    const action = decideTimerAction(facts(kind));
    expect(action).toMatchObject(expected);
    expect(action.events.map((e) => e.type)).toEqual([eventType]);
  });

  it('does not escalate a case the machine does not allow to escalate', () => {
    expect(decideTimerAction(facts('escalation', { caseStatus: 'planned' }))).toMatchObject({
      kind: 'none',
      reasons: [{ code: 'case.transition-refused' }],
    });
  });

  it('assigns an education lesson once, in the customer’s language, and withholds it from a customer who opted out', () => {
    const payload = { educationTopic: 'budgeting' } as const;
    expect(decideTimerAction(facts('education', { payload }))).toMatchObject({
      kind: 'assign_education',
      lesson: { id: 'budgeting', version: 1 },
      language: 'zh-CN',
      source: 'follow-up',
    });
    const assigned = { ...customer, assignedLessonIds: ['budgeting'] };
    expect(decideTimerAction(facts('education', { payload, customer: assigned }))).toMatchObject({
      kind: 'none',
      timerState: 'done',
    });
    const optedOut = { ...customer, choice: { value: 'opted_out' as const, statedAt: t0 } };
    expect(decideTimerAction(facts('education', { payload, customer: optedOut }))).toMatchObject({
      kind: 'withhold_contact',
      reasons: [{ code: 'consent.opted-out' }],
    });
  });

  describe('after a cure', () => {
    const cured = { caseStatus: 'cured' as const };
    const checkIn = (overrides: Partial<TimerFacts> = {}) =>
      decideTimerAction(
        facts('after_cure_check_in', {
          ...cured,
          payload: { monthsAfterCure: 3, consent: 'opt-out' },
          ...overrides,
        }),
      );

    it('sends the check-in message in the customer’s language, asking for nothing', () => {
      const action = checkIn({ customer: { ...customer, language: 'en' } });
      expect(action).toMatchObject({ kind: 'send_check_in' });
      expect(action.events[0]).toMatchObject({
        type: 'relationship.check_in_due',
        data: { monthsAfterCure: 3, language: 'en' },
      });
      expect(String(action.events[0]?.data.message)).toContain('3 months');
    });

    it('honours an opt-out, and under opt-in waits for a yes', () => {
      const optedOut = { ...customer, choice: { value: 'opted_out' as const, statedAt: t0 } };
      expect(checkIn({ customer: optedOut })).toMatchObject({ kind: 'withhold_contact' });
      expect(checkIn({ payload: { monthsAfterCure: 1, consent: 'opt-in' } })).toMatchObject({
        kind: 'withhold_contact',
        reasons: [{ code: 'consent.not-given' }],
      });
      const optedIn = { ...customer, choice: { value: 'opted_in' as const, statedAt: t0 } };
      expect(checkIn({ payload: { monthsAfterCure: 1, consent: 'opt-in' }, customer: optedIn }).kind).toBe(
        'send_check_in',
      );
    });

    it('stops when the customer is behind again or the case is no longer cured', () => {
      expect(checkIn({ customer: { ...customer, delinquentAgain: true } })).toMatchObject({
        kind: 'none',
        reasons: [{ code: 'relationship.delinquent-again' }],
      });
      expect(checkIn({ caseStatus: 'closed' })).toMatchObject({ kind: 'none', timerState: 'cancelled' });
    });

    it('is suppressed like any follow-up when compliance bars the customer now', () => {
      const veto = {
        rule: 'cease-contact',
        code: 'customer.cease-contact',
        data: {},
        message: 'The customer has asked that contact cease',
        overridable: false,
      };
      expect(checkIn({ barred: { barredBy: veto, vetoes: [veto] } })).toMatchObject({
        kind: 'suppress',
        rule: 'cease-contact',
        events: [],
      });
    });

    it('offers the lesson as an after-cure assignment', () => {
      expect(
        decideTimerAction(
          facts('after_cure_lesson', {
            ...cured,
            payload: { educationTopic: 'credit_report', consent: 'opt-out' },
          }),
        ),
      ).toMatchObject({ kind: 'assign_education', source: 'after-cure', lesson: { id: 'credit_report' } });
    });
  });

  it('reminds of the next instalment with what is left of it after early money', () => {
    const action = decideTimerAction(
      facts('instalment_reminder', { now: t0 + 27 * day, payments: [paid(4_000)] }),
    );
    expect(action).toMatchObject({ kind: 'remind_instalment', sequence: 1 });
    expect(action.events[0]?.data).toMatchObject({ outstandingMinor: 6_000 });
  });

  it('keeps the plan when the due instalment is paid', () => {
    const action = decideTimerAction(facts('instalment_check', { payments: [paid(10_000)] }));
    expect(action).toMatchObject({ kind: 'settle_instalments', planStatus: 'accepted', caseChange: null });
    expect(action.events.map((e) => e.type)).toEqual(['instalment.paid']);
  });

  it('breaks the plan and sends the case back to screening when an instalment is short', () => {
    const action = decideTimerAction(facts('instalment_check', { payments: [paid(9_999)] }));
    expect(action).toMatchObject({
      kind: 'settle_instalments',
      planStatus: 'broken',
      settled: [{ sequence: 1, status: 'partly_paid', shortfallMinor: 1 }],
      caseChange: { from: 'in_follow_up', to: 'screened' },
    });
    expect(action.events.map((e) => e.type)).toEqual(['instalment.missed', 'plan.broken']);
  });

  it('breaks the plan but leaves a case the machine will not move', () => {
    const action = decideTimerAction(facts('instalment_check', { caseStatus: 'planned' }));
    expect(action).toMatchObject({
      planStatus: 'broken',
      caseChange: null,
      reasons: [{ code: 'instalment.short' }, { code: 'case.transition-refused' }],
    });
  });

  it('completes the plan when the last instalment is paid, settling arrears in order', () => {
    const action = decideTimerAction(
      facts('instalment_check', { now: t0 + 91 * day, payments: [paid(30_000, t0 + 89 * day)] }),
    );
    expect(action).toMatchObject({ planStatus: 'completed' });
    expect(action.events.map((e) => e.type)).toEqual([
      'instalment.paid',
      'instalment.paid',
      'instalment.paid',
      'plan.completed',
    ]);
  });

  it('stops instalment timers of a plan that is no longer accepted', () => {
    expect(
      decideTimerAction(facts('instalment_check', { plan: { ...plan, status: 'broken' } })),
    ).toMatchObject({
      kind: 'none',
      timerState: 'cancelled',
    });
  });

  it('settles an open promise and leaves a settled one alone', () => {
    const promise = openPromise;
    expect(decideTimerAction(facts('promise_check', { promise, payments: [paid(5_000)] }))).toMatchObject({
      kind: 'settle_promise',
      status: 'kept',
      events: [{ type: 'promise.kept' }],
    });
    expect(
      decideTimerAction(facts('promise_check', { promise: { ...promise, status: 'kept' } })),
    ).toMatchObject({ kind: 'none' });
  });
});

describe('decideTimerAction under a compliance bar', () => {
  const veto = {
    rule: 'bankruptcy',
    code: 'customer.bankruptcy',
    data: {},
    message: 'Bankruptcy stay: collection visits are forbidden',
    overridable: false,
  };
  const barred = { barredBy: veto, vetoes: [veto] };

  it.each([
    'revisit',
    'hardship_review',
    'restructure_plan',
    'escalation',
    'education',
    'check_in_call',
  ] as const)('suppresses %s: no event, no write, the rule and its reason kept', (kind) => {
    const action = decideTimerAction(facts(kind, { barred, payload: { educationTopic: 'budgeting' } }));
    expect(action).toMatchObject({
      kind: 'suppress',
      timerState: 'suppressed',
      rule: 'bankruptcy',
      events: [],
      cancelPromiseId: null,
      suspendInstalments: null,
      reasons: [{ code: 'compliance.suppressed', data: { kind, rule: 'bankruptcy' } }],
    });
  });

  it('cancels the promise a suppressed check would have settled, so nothing settles it later', () => {
    const promise = openPromise;
    expect(decideTimerAction(facts('promise_check', { promise, barred }))).toMatchObject({
      kind: 'suppress',
      cancelPromiseId: 'ptp_1',
    });
  });

  it('suspends the instalments a suppressed check would have settled; a later check skips them', () => {
    const action = decideTimerAction(facts('instalment_check', { barred }));
    expect(action).toMatchObject({
      kind: 'suppress',
      suspendInstalments: { planId: 'plan_1', sequences: [1] },
    });
    const [first, ...rest] = plan.instalments;
    if (!first) throw new Error('plan has instalments');
    const later = decideTimerAction(
      facts('instalment_check', {
        now: t0 + 61 * day,
        plan: { ...plan, instalments: [{ ...first, status: 'suspended' }, ...rest] },
        payments: [paid(10_000, t0 + 40 * day)],
      }),
    );
    // Only instalment 2 is judged, and the money paid goes to it rather than to the suspended first.
    expect(later).toMatchObject({
      kind: 'settle_instalments',
      settled: [{ sequence: 2, status: 'paid' }],
      planStatus: 'accepted',
    });
  });

  it('lets a timer with nothing to do end as before, barred or not', () => {
    const settled = { ...openPromise, status: 'kept' } as const;
    expect(decideTimerAction(facts('promise_check', { promise: settled, barred }))).toMatchObject({
      kind: 'none',
      timerState: 'done',
    });
    expect(decideTimerAction(facts('revisit', { caseStatus: 'cured', barred }))).toMatchObject({
      kind: 'none',
      timerState: 'cancelled',
    });
  });

  it('asks the partner app for a check-in call when nothing bars it', () => {
    const action = decideTimerAction(facts('check_in_call'));
    expect(action).toMatchObject({ kind: 'request_check_in_call' });
    expect(action.events.map((e) => e.type)).toEqual(['follow_up.check_in_call_requested']);
  });
});
