import { type CustomerFlags, NO_CUSTOMER_FLAGS } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { decideLessonOffer, type OfferFacts } from './decide-offer';

const now = Date.parse('2026-11-02T02:00:00Z');
const facts = (
  flags: Partial<CustomerFlags> = {},
  overrides: Partial<OfferFacts> & { choice?: OfferFacts['customer']['choice'] } = {},
): OfferFacts => ({
  now,
  lessonId: 'budgeting',
  jurisdiction: 'cn',
  customer: {
    language: 'en-GB',
    flags: { ...NO_CUSTOMER_FLAGS, ...flags },
    choice: overrides.choice ?? null,
  },
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

  it.each([
    ['cease-contact', { ceaseContact: true }, 'contact.cease-contact'],
    ['deceased', { deceased: true }, 'contact.deceased'],
    ['in Breathing Space', { breathingSpaceUntil: '2026-12-01T00:00:00.000Z' }, 'contact.breathing-space'],
  ] as const)('sends no lesson to a customer who is %s', (_name, flags, code) => {
    expect(decideLessonOffer(facts(flags))).toMatchObject({ kind: 'refuse', reasons: [{ code }] });
  });

  it('lets support through what bars collection only: vulnerability, dispute, an ended Breathing Space', () => {
    const flags = {
      vulnerability: { kind: 'health' as const },
      dispute: true,
      breathingSpaceUntil: '2026-11-01T00:00:00.000Z',
    };
    expect(decideLessonOffer(facts(flags)).kind).toBe('assign');
  });

  it('honours an opt-out, and after a cure under opt-in needs a recorded yes', () => {
    const statedAt = now - 86_400_000;
    expect(decideLessonOffer(facts({}, { choice: { value: 'opted_out', statedAt } }))).toMatchObject({
      kind: 'refuse',
      reasons: [{ code: 'consent.opted-out' }],
    });
    expect(decideLessonOffer(facts({}, { needsOptIn: true }))).toMatchObject({
      kind: 'refuse',
      reasons: [{ code: 'consent.not-given' }],
    });
    expect(
      decideLessonOffer(facts({}, { needsOptIn: true, choice: { value: 'opted_in', statedAt } })).kind,
    ).toBe('assign');
  });

  it('lists every bar at once, and refuses before it reports a lesson as already assigned', () => {
    const decision = decideLessonOffer(
      facts(
        { ceaseContact: true, deceased: true },
        { alreadyAssigned: true, choice: { value: 'opted_out', statedAt: now } },
      ),
    );
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'contact.cease-contact',
      'contact.deceased',
      'consent.opted-out',
    ]);
    expect(decideLessonOffer(facts({}, { alreadyAssigned: true })).kind).toBe('skip');
  });
});
