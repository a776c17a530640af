import { type Reason, reasonFactory } from '@doorstep/core';

/** The engine's reason catalogue: every decision it returns carries one of these codes with its facts. */
export const ENGINE_REASONS = {
  'case.inactive': 'Case is {status}; follow-ups stop',
  'promise.kept': 'Paid {paid} of {promised} by {promisedDate}',
  'promise.partly-kept': 'Paid {paid} of {promised} by {promisedDate}',
  'promise.broken': 'Nothing paid towards {promised} by {promisedDate}',
  'promise.settled': 'Promise already {status}',
  'plan.not-active': 'Plan is {status}; its instalment timers stop',
  'instalment.unknown': 'Plan has no instalment {sequence}',
  'instalment.none-ahead': 'No unpaid instalment is ahead; nothing to remind',
  'instalment.reminder': 'Instalment {sequence} of {outstanding} due {dueDate}',
  'instalment.paid': 'Instalment {sequence} paid in full ({paid})',
  'instalment.short': 'Instalment {sequence} short by {shortfall} after its due date',
  'plan.completed': 'Every instalment of the plan is paid',
  'plan.broken': 'Instalment {sequence} missed; the plan is broken and the case goes back to screening',
  'case.transition-refused': 'Case is {status}; {event} does not apply',
  'revisit.requested': 'Revisit requested for planning',
  'hardship.requested': 'Hardship review visit requested for planning',
  'restructure.requested': 'Restructured plan requested from the partner app',
  'customer.unread': 'The customer was not read, so a contact cannot be judged; it is not made',
  'relationship.case-not-cured': 'Case is {status}; contact after a cure stops',
  'relationship.delinquent-again':
    'The customer is behind again on another account; no courtesy contact during collection',
  'relationship.check-in': 'Check in {months} month(s) after the cure, in {language}',
  'escalation.applied': 'Case escalated',
  'check-in-call.requested': 'Check-in call requested from the partner app',
  'compliance.suppressed': '{kind} not taken: {message} ({rule})',
} as const;

export const engineReason = reasonFactory(ENGINE_REASONS);
export type EngineReason = Reason<keyof typeof ENGINE_REASONS>;
