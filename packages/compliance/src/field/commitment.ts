import {
  addDays,
  type ChecklistItemCode,
  type ContactResult,
  formatMoney,
  type LocalDate,
  type Money,
  type Reason,
  renderTemplate,
} from '@doorstep/core';
import type { FieldOptions } from './options';

/** Where a commitment was made: at the door, or remotely (recorded with `POST …/promises`). */
export const COMMITMENT_CHANNELS = ['visit', 'call', 'sms', 'email', 'letter'] as const;
export type CommitmentChannel = (typeof COMMITMENT_CHANNELS)[number];

/** Items that only make sense face to face; a call or a letter is not asked for them. */
const DOORSTEP_ONLY: readonly ChecklistItemCode[] = [
  'show_staff_id',
  'ask_consent_to_enter',
  'offer_to_leave_when_asked',
];

export interface CommitmentFacts {
  kind: 'promise' | 'plan';
  channel: CommitmentChannel;
  /**
   * The contact result of the visit's outcome when one is recorded with it; null otherwise (a call,
   * a plan accepted before the outcome), where the checklist's `confirm_right_party` alone confirms it.
   */
  contactResult: ContactResult | null;
  checklist: readonly { item: ChecklistItemCode; confirmed: boolean }[];
  /** The promise's terms; a plan's terms were set by the repayment policy that proposed it. */
  promise: { amount: Money; dueDate: LocalDate } | null;
  /** What the case owes now: a promise above it is a mistake or pressure, never a commitment. */
  arrears: Money;
  /** The tenant's local date now, by the server's clock. */
  today: LocalDate;
}

/** A broken rule, with the request field it is about (the caller turns it into a JSON pointer). */
export type CommitmentProblem = Reason & {
  rule: string;
  field: 'contactResult' | 'checklist' | 'dueDate' | 'amount';
};

export const COMMITMENT_REASONS = {
  'commitment.not-right-party':
    'A {kind} is recorded only when the customer was met; the contact result was {contactResult}',
  'commitment.checklist-incomplete': 'Before a {kind} is recorded the agent must confirm: {missing}',
  'promise.date-past': 'The promised date {dueDate} is before today, {today}',
  'promise.date-beyond-horizon':
    'The promised date {dueDate} is more than {horizonDays} days ahead; the latest is {latest}',
  'promise.amount-not-positive': 'A promise is of a positive amount, not {amount}',
  'promise.amount-above-arrears': 'The promised {amount} is more than the arrears of {arrears}',
} as const;

type Code = keyof typeof COMMITMENT_REASONS;

const problem = (
  rule: string,
  field: CommitmentProblem['field'],
  code: Code,
  data: Reason['data'],
): CommitmentProblem => ({
  rule,
  field,
  code,
  data,
  message: renderTemplate(COMMITMENT_REASONS[code], data),
});

/**
 * The checklist items a commitment made through `channel` needs, in the pack's order. The right
 * party is confirmed whatever the tenant's list says: a promise from someone else binds nobody.
 */
export function requiredChecklist(channel: CommitmentChannel, options: FieldOptions): ChecklistItemCode[] {
  const { checklist } = options.commitments;
  const items: ChecklistItemCode[] = checklist.includes('confirm_right_party')
    ? [...checklist]
    : ['confirm_right_party', ...checklist];
  return channel === 'visit' ? items : items.filter((item) => !DOORSTEP_ONLY.includes(item));
}

/**
 * Whether a promise to pay or a repayment plan may be recorded: the visit met the customer
 * (`right-party`), the introduction checklist, the right party included, was confirmed
 * (`introduction`), and a promise falls
 * due between today and the horizon (`promise-date`) for a positive amount no larger than the
 * arrears (`promise-amount`). Every rule is asked; an empty list means it may be recorded.
 *
 * @example
 * const problems = judgeCommitment({ kind: 'promise', channel: 'call', contactResult: null, checklist,
 *   promise: { amount, dueDate }, arrears, today }, options);
 * if (problems.length > 0) answer422(problems.map((p) => ({ path: `/${p.field}`, message: p.message })));
 */
export function judgeCommitment(facts: CommitmentFacts, options: FieldOptions): CommitmentProblem[] {
  const problems: CommitmentProblem[] = [];
  const { kind } = facts;
  if (facts.contactResult !== null && facts.contactResult !== 'customer_met')
    problems.push(
      problem('right-party', 'contactResult', 'commitment.not-right-party', {
        kind,
        contactResult: facts.contactResult ?? 'unknown',
      }),
    );
  const confirmed = new Set(facts.checklist.filter((entry) => entry.confirmed).map((entry) => entry.item));
  const missing = requiredChecklist(facts.channel, options).filter((item) => !confirmed.has(item));
  if (missing.length > 0)
    problems.push(
      problem('introduction', 'checklist', 'commitment.checklist-incomplete', {
        kind,
        missing: missing.join(', '),
      }),
    );
  if (facts.promise === null) return problems;

  const { amount, dueDate } = facts.promise;
  const horizonDays = options.commitments.promiseHorizonDays;
  const latest = addDays(facts.today, horizonDays);
  if (dueDate < facts.today)
    problems.push(problem('promise-date', 'dueDate', 'promise.date-past', { dueDate, today: facts.today }));
  else if (dueDate > latest)
    problems.push(
      problem('promise-date', 'dueDate', 'promise.date-beyond-horizon', { dueDate, horizonDays, latest }),
    );
  const shown = (minor: number) => formatMoney(minor, amount.currency);
  if (amount.amountMinor <= 0)
    problems.push(
      problem('promise-amount', 'amount', 'promise.amount-not-positive', {
        amount: shown(amount.amountMinor),
      }),
    );
  else if (amount.amountMinor > facts.arrears.amountMinor)
    problems.push(
      problem('promise-amount', 'amount', 'promise.amount-above-arrears', {
        amount: shown(amount.amountMinor),
        arrears: shown(facts.arrears.amountMinor),
      }),
    );
  return problems;
}
