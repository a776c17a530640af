import type { ChecklistItemCode } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { type CommitmentFacts, judgeCommitment, requiredChecklist } from './commitment';
import { FIELD_DEFAULTS, FieldOptionsSchema } from './options';

const confirmed = (...items: ChecklistItemCode[]) => items.map((item) => ({ item, confirmed: true }));
const FULL = confirmed('show_staff_id', 'state_name_and_bank', 'confirm_right_party', 'state_purpose');
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

const promise = (over: Partial<CommitmentFacts> = {}): CommitmentFacts => ({
  kind: 'promise',
  channel: 'visit',
  contactResult: 'customer_met',
  checklist: FULL,
  promise: { amount: cny(50_000), dueDate: '2026-11-20' },
  arrears: cny(320_000),
  today: '2026-11-02',
  ...over,
});

const problemsOf = (facts: CommitmentFacts, options = FIELD_DEFAULTS) =>
  judgeCommitment(facts, options).map((problem) => [problem.rule, problem.code, problem.field]);

describe('judgeCommitment', () => {
  it('accepts a promise made to the customer after the introduction, due within the horizon, within the arrears', () => {
    expect(problemsOf(promise())).toEqual([]);
  });

  it.each([
    ['due today', '2026-11-02', []],
    ['due on the last day of the horizon', '2027-01-01', []],
    ['due yesterday', '2026-11-01', [['promise-date', 'promise.date-past', 'dueDate']]],
    ['dated 2020-01-01', '2020-01-01', [['promise-date', 'promise.date-past', 'dueDate']]],
    [
      'due a day past the horizon',
      '2027-01-02',
      [['promise-date', 'promise.date-beyond-horizon', 'dueDate']],
    ],
  ])('a promise %s', (_name, dueDate, problems) => {
    expect(problemsOf(promise({ promise: { amount: cny(50_000), dueDate } }))).toEqual(problems);
  });

  it.each([
    ['of 1 fen', 1, []],
    ['of the whole arrears', 320_000, []],
    ['of nothing', 0, [['promise-amount', 'promise.amount-not-positive', 'amount']]],
    ['negative', -100, [['promise-amount', 'promise.amount-not-positive', 'amount']]],
    ['above the arrears', 320_001, [['promise-amount', 'promise.amount-above-arrears', 'amount']]],
  ])('a promise %s', (_name, amountMinor, problems) => {
    expect(problemsOf(promise({ promise: { amount: cny(amountMinor), dueDate: '2026-11-20' } }))).toEqual(
      problems,
    );
  });

  it('names the amounts in the reason', () => {
    const [problem] = judgeCommitment(
      promise({ promise: { amount: cny(400_000), dueDate: '2026-11-20' } }),
      FIELD_DEFAULTS,
    );
    expect(problem?.message).toBe('The promised 4000.00 CNY is more than the arrears of 3200.00 CNY');
  });

  it('refuses a promise or a plan when the checklist confirmed nothing, listing what is missing', () => {
    for (const kind of ['promise', 'plan'] as const) {
      const problems = judgeCommitment(
        promise({ kind, checklist: [{ item: 'confirm_right_party', confirmed: false }], promise: null }),
        FIELD_DEFAULTS,
      );
      expect(problems).toEqual([
        expect.objectContaining({
          rule: 'introduction',
          field: 'checklist',
          data: { kind, missing: 'show_staff_id, state_name_and_bank, confirm_right_party, state_purpose' },
        }),
      ]);
    }
  });

  it.each(['third_party_only', 'nobody_home', 'refused', 'moved'] as const)(
    'refuses a promise at a visit whose contact result is %s',
    (contactResult) => {
      expect(problemsOf(promise({ contactResult }))).toEqual([
        ['right-party', 'commitment.not-right-party', 'contactResult'],
      ]);
    },
  );

  it('asks a call for the introduction without the doorstep items, and confirms the right party by the checklist', () => {
    expect(requiredChecklist('call', FIELD_DEFAULTS)).toEqual([
      'state_name_and_bank',
      'confirm_right_party',
      'state_purpose',
    ]);
    const call = promise({ channel: 'call', contactResult: null, checklist: FULL.slice(1) });
    expect(problemsOf(call)).toEqual([]);
    expect(problemsOf({ ...call, checklist: FULL.slice(2) })).toEqual([
      ['introduction', 'commitment.checklist-incomplete', 'checklist'],
    ]);
  });

  it('asks for the right party even when the tenant’s checklist leaves it out', () => {
    const options = FieldOptionsSchema.parse({
      ...FIELD_DEFAULTS,
      commitments: { checklist: ['state_purpose'], promiseHorizonDays: 60 },
    });
    expect(requiredChecklist('call', options)).toEqual(['confirm_right_party', 'state_purpose']);
    expect(
      problemsOf(
        promise({ channel: 'call', contactResult: null, checklist: confirmed('state_purpose') }),
        options,
      ),
    ).toEqual([['introduction', 'commitment.checklist-incomplete', 'checklist']]);
  });

  it('follows the tenant’s checklist and horizon', () => {
    const options = FieldOptionsSchema.parse({
      ...FIELD_DEFAULTS,
      commitments: { checklist: ['confirm_right_party'], promiseHorizonDays: 14 },
    });
    const facts = promise({ checklist: confirmed('confirm_right_party') });
    expect(problemsOf(facts, options)).toEqual([['promise-date', 'promise.date-beyond-horizon', 'dueDate']]);
  });

  it('reports every broken rule at once', () => {
    expect(
      problemsOf(
        promise({
          contactResult: 'third_party_only',
          checklist: [],
          promise: { amount: cny(0), dueDate: '2020-01-01' },
        }),
      ),
    ).toEqual([
      ['right-party', 'commitment.not-right-party', 'contactResult'],
      ['introduction', 'commitment.checklist-incomplete', 'checklist'],
      ['promise-date', 'promise.date-past', 'dueDate'],
      ['promise-amount', 'promise.amount-not-positive', 'amount'],
    ]);
  });
});
