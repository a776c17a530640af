import { describe, expect, it } from 'vitest';
import { decideLessonOffer, type OfferFacts } from './decide-offer';

const statedAt = Date.parse('2026-11-01T02:00:00Z');
const facts = (
  overrides: Partial<OfferFacts> & { choice?: OfferFacts['customer']['choice'] } = {},
): OfferFacts => ({
  lessonId: 'budgeting',
  jurisdiction: 'cn',
  customer: { language: 'en-GB', choice: overrides.choice ?? null },
  alreadyAssigned: false,
  needsOptIn: false,
  ...overrides,
});

describe('decideLessonOffer', () => {
  it('assigns the current version in the customer’s own language', () => {
    expect(decideLessonOffer(facts())).toMatchObject({
      kind: 'assign',
      language: 'en',
      lesson: { id: 'budgeting', version: 1 },
      reasons: [{ code: 'offer.assign' }, { code: 'language.customer' }],
    });
  });

  it('honours an opt-out, and where consent is needed waits for a recorded yes', () => {
    expect(decideLessonOffer(facts({ choice: { value: 'opted_out', statedAt } }))).toMatchObject({
      kind: 'refuse',
      reasons: [{ code: 'consent.opted-out', data: { statedAt: '2026-11-01T02:00:00.000Z' } }],
    });
    expect(decideLessonOffer(facts({ needsOptIn: true }))).toMatchObject({
      kind: 'refuse',
      reasons: [{ code: 'consent.not-given' }],
    });
    expect(decideLessonOffer(facts({ needsOptIn: true, choice: { value: 'opted_in', statedAt } })).kind).toBe(
      'assign',
    );
  });

  it('refuses before it reports a lesson as already assigned, and sends a lesson once', () => {
    expect(
      decideLessonOffer(facts({ alreadyAssigned: true, choice: { value: 'opted_out', statedAt } })).kind,
    ).toBe('refuse');
    expect(decideLessonOffer(facts({ alreadyAssigned: true })).kind).toBe('skip');
  });
});
