import { FOLLOW_UP_STANCES, FollowUpKindSchema } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { OUTBOUND_EVENT_TYPES } from './events';
import { EVENT_STANCES } from './stances';

// The tables are typed over every kind and type; these catch a cast or a key added by hand.
describe('compliance stances', () => {
  it('cover every follow-up kind and nothing else', () => {
    expect(Object.keys(FOLLOW_UP_STANCES).sort()).toEqual([...FollowUpKindSchema.options].sort());
  });

  it('cover every outbound event type and nothing else', () => {
    expect(Object.keys(EVENT_STANCES).sort()).toEqual([...OUTBOUND_EVENT_TYPES].sort());
  });

  it('call supportive only what helps the customer without asking for money', () => {
    const supportive = (table: Record<string, { purpose: string }>) =>
      Object.entries(table)
        .filter(([, stance]) => stance.purpose === 'supportive')
        .map(([name]) => name)
        .sort();
    expect(supportive(FOLLOW_UP_STANCES)).toEqual([
      'after_cure_check_in',
      'after_cure_lesson',
      'check_in_call',
      'education',
    ]);
    expect(supportive(EVENT_STANCES)).toEqual([
      'education.assigned',
      'education.completed',
      'follow_up.check_in_call_requested',
      'relationship.check_in_due',
    ]);
  });
});
