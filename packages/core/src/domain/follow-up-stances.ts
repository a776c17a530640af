import type { ActionStance } from '../contracts/compliance';
import type { FollowUpKind } from './follow-up';

/**
 * How compliance judges each follow-up kind when its timer fires. Typed over every kind: a new kind
 * does not compile until it says on which channel it reaches the customer and why.
 */
export const FOLLOW_UP_STANCES: { readonly [K in FollowUpKind]: ActionStance } = {
  revisit: {
    channel: 'visit',
    purpose: 'collection',
    why: 'asks the planner for another collection visit to the customer',
  },
  hardship_review: {
    channel: 'visit',
    purpose: 'collection',
    why: 'asks the planner for a visit that reviews the customer’s hardship and the debt',
  },
  restructure_plan: {
    channel: 'none',
    purpose: 'collection',
    why: 'asks the partner app to put a restructured repayment plan to the customer',
  },
  education: {
    channel: 'none',
    purpose: 'supportive',
    why: 'assigns a financial-education module the partner app delivers',
  },
  escalation: {
    channel: 'none',
    purpose: 'collection',
    why: 'moves the case up the collection path',
  },
  promise_check: {
    channel: 'none',
    purpose: 'collection',
    why: 'settles a promise to pay as kept or broken, which partner apps follow up',
  },
  instalment_reminder: {
    channel: 'none',
    purpose: 'collection',
    why: 'has the partner app remind the customer of an instalment due',
  },
  instalment_check: {
    channel: 'none',
    purpose: 'collection',
    why: 'settles due instalments and may break the plan, sending the case back to screening',
  },
  check_in_call: {
    channel: 'call',
    purpose: 'supportive',
    why: 'asks the partner app to call and see how the customer is doing, without asking for money',
  },
  after_cure_check_in: {
    channel: 'sms',
    purpose: 'supportive',
    why: 'asks the partner app to send a check-in message after a cure, asking for nothing',
  },
  after_cure_lesson: {
    channel: 'none',
    purpose: 'supportive',
    why: 'assigns a financial-education lesson after a cure, which the partner app delivers',
  },
};
