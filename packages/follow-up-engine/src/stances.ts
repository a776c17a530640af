import type { ActionStance, RecordStance } from '@doorstep/core';
import type { BusinessEventType, OutboundEventType } from './events';

/** Business events back to core banking record what happened; nobody acts on them towards the customer. */
const record = (why: string): RecordStance => ({ record: true, why: `${why}; reaches no customer` });

/**
 * How compliance judges each outbound event when its webhook is about to be sent: partner apps act on
 * what they receive (a dialer calls about a broken promise), so an event is judged as the contact it
 * leads to; a business event for core banking's records is no contact and is never judged. Typed over
 * every event type: a new type does not compile without its entry, and a business event cannot be
 * given a contact stance nor another event a record one.
 */
export const EVENT_STANCES: {
  readonly [T in OutboundEventType]: T extends BusinessEventType ? RecordStance : ActionStance;
} = {
  'visit.scheduled': record('tells core banking a visit was booked'),
  'visit.checked_in': record('tells core banking an agent arrived at the door'),
  'visit.completed': record('tells core banking a visit ended'),
  'visit.outcome_recorded': record('tells core banking what the customer said at the visit'),
  'promise.made': record('tells core banking the customer promised a payment'),
  'plan.proposed': record('tells core banking a repayment plan was proposed'),
  'plan.accepted': record('tells core banking to book the instalments of an accepted plan'),
  'visit_plan.published': record('tells core banking a day’s visit plan was published'),
  'case.cured': record('tells core banking a case ended cured'),
  'case.closed': record('tells core banking a case ended with its account closed'),
  'follow_up.revisit_requested': {
    channel: 'visit',
    purpose: 'collection',
    why: 'the partner app plans another collection visit',
  },
  'follow_up.hardship_review_requested': {
    channel: 'visit',
    purpose: 'collection',
    why: 'the partner app plans a hardship review visit',
  },
  'follow_up.restructure_requested': {
    channel: 'none',
    purpose: 'collection',
    why: 'the partner app puts a restructured plan to the customer',
  },
  'follow_up.check_in_call_requested': {
    channel: 'call',
    purpose: 'supportive',
    why: 'the partner app calls to see how the customer is doing',
  },
  'promise.kept': { channel: 'none', purpose: 'collection', why: 'reports a promise to pay settled' },
  'promise.partly_kept': {
    channel: 'none',
    purpose: 'collection',
    why: 'reports a promise short, which partner apps chase',
  },
  'promise.broken': {
    channel: 'none',
    purpose: 'collection',
    why: 'reports a broken promise, which partner apps chase',
  },
  'instalment.reminder_due': {
    channel: 'none',
    purpose: 'collection',
    why: 'the partner app reminds the customer of an instalment',
  },
  'instalment.paid': { channel: 'none', purpose: 'collection', why: 'reports an instalment settled' },
  'instalment.missed': {
    channel: 'none',
    purpose: 'collection',
    why: 'reports a missed instalment, which partner apps chase',
  },
  'plan.completed': { channel: 'none', purpose: 'collection', why: 'reports a repayment plan paid off' },
  'plan.broken': {
    channel: 'none',
    purpose: 'collection',
    why: 'reports a broken plan; the case goes back to screening',
  },
  'education.assigned': {
    channel: 'none',
    purpose: 'supportive',
    why: 'the partner app delivers a financial-education module',
  },
  'education.completed': {
    channel: 'none',
    purpose: 'supportive',
    why: 'reports a financial-education module done',
  },
  'case.escalated': {
    channel: 'none',
    purpose: 'collection',
    why: 'reports the case moved up the collection path',
  },
  // A visit called off or taken off the day must reach the agents' apps whatever the customer's
  // flags: it sends nobody, so it is judged as the supportive report it is.
  'visit.cancelled': {
    channel: 'none',
    purpose: 'supportive',
    why: 'reports a visit called off, so that nobody goes to the customer',
  },
  'visit.unscheduled': {
    channel: 'none',
    purpose: 'supportive',
    why: 'reports a visit taken off the day by a re-plan; nobody goes until a later plan',
  },
  'visit.rescheduled': {
    channel: 'visit',
    purpose: 'collection',
    why: 'the partner app sends its agents to the customer at the new time',
  },
  'visit.reassigned': {
    channel: 'visit',
    purpose: 'collection',
    why: 'the partner app sends other agents to the customer',
  },
  'relationship.check_in_due': {
    channel: 'sms',
    purpose: 'supportive',
    why: 'the partner app sends a check-in message after a cure, asking for nothing',
  },
};
