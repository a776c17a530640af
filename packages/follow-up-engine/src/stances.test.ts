import { type EventStance, FOLLOW_UP_STANCES, FollowUpKindSchema, isRecordStance } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { BUSINESS_EVENT_TYPES, OUTBOUND_EVENT_TYPES } from './events';
import { EVENT_STANCES } from './stances';

// The tables are typed over every kind and type; these catch a cast or a key added by hand.
describe('compliance stances', () => {
  it('cover every follow-up kind and nothing else', () => {
    expect(Object.keys(FOLLOW_UP_STANCES).sort()).toEqual([...FollowUpKindSchema.options].sort());
  });

  it('cover every outbound event type and nothing else', () => {
    expect(Object.keys(EVENT_STANCES).sort()).toEqual([...OUTBOUND_EVENT_TYPES].sort());
  });

  it('record business events, and only them: they go to core banking and contact nobody', () => {
    const records = Object.entries(EVENT_STANCES)
      .filter(([, stance]) => isRecordStance(stance))
      .map(([type]) => type)
      .sort();
    expect(records).toEqual([...BUSINESS_EVENT_TYPES].sort());
  });

  it('call supportive only what helps the customer without asking for money', () => {
    const supportive = (table: Record<string, EventStance>) =>
      Object.entries(table)
        .filter(([, stance]) => !isRecordStance(stance) && stance.purpose === 'supportive')
        .map(([name]) => name)
        .sort();
    expect(supportive(FOLLOW_UP_STANCES)).toEqual([
      'after_cure_check_in',
      'after_cure_lesson',
      'check_in_call',
      'education',
    ]);
    // A visit called off or taken off the day sends nobody: reported as supportive.
    expect(supportive(EVENT_STANCES)).toEqual([
      'education.assigned',
      'education.completed',
      'follow_up.check_in_call_requested',
      'relationship.check_in_due',
      'visit.cancelled',
      'visit.unscheduled',
    ]);
  });
});
