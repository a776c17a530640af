import type { ActionStance } from '@doorstep/core';
import type { OutboundEventType } from './events';

/**
 * How compliance judges each outbound event when its webhook is about to be sent: partner apps act on
 * what they receive (a dialer calls about a broken promise), so an event is judged as the contact it
 * leads to. Typed over every event type: a new type does not compile without its entry.
 */
export const EVENT_STANCES: { readonly [T in OutboundEventType]: ActionStance } = {
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
  'relationship.check_in_due': {
    channel: 'sms',
    purpose: 'supportive',
    why: 'the partner app sends a check-in message after a cure, asking for nothing',
  },
};
