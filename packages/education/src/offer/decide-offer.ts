import { type CustomerFlags, type EducationTopic, type Reason, reasonFactory } from '@doorstep/core';
import { lessonLanguageFor } from '../lesson/language';
import type { Jurisdiction, Lesson, LessonLanguage } from '../lesson/lesson';
import { findLesson } from '../lessons';

/** What the customer said about lessons and check-ins after a cure; null when they never said. */
export type RelationshipChoice = 'opted_in' | 'opted_out';

export const OFFER_REASONS = {
  'offer.assign': 'Lesson {lessonId} v{version} assigned in {language}',
  'offer.already-assigned': 'Lesson {lessonId} was already assigned to the customer',
  'offer.unknown-lesson': 'No lesson {lessonId} in the catalogue',
  'contact.cease-contact': 'The customer has asked that contact cease: no lesson is sent',
  'contact.deceased': 'The customer is recorded as deceased',
  'contact.breathing-space': 'Breathing Space: no contact until {until}',
  'consent.opted-out': 'The customer opted out of lessons and check-ins on {statedAt}',
  'consent.not-given': 'Lessons after a cure need the customer’s consent, and none is recorded',
} as const;
export type OfferReasonCode = keyof typeof OFFER_REASONS;
const reason = reasonFactory(OFFER_REASONS);

export interface OfferFacts {
  now: number;
  lessonId: EducationTopic;
  jurisdiction: Jurisdiction;
  customer: {
    language: string | null;
    flags: CustomerFlags;
    choice: { value: RelationshipChoice; statedAt: number } | null;
  };
  /** A lesson is assigned to a customer once, whatever case or cure asked for it. */
  alreadyAssigned: boolean;
  /** After a cure under an opt-in relationship policy, a lesson needs a recorded `opted_in`. */
  needsOptIn: boolean;
}

export type OfferDecision =
  | { kind: 'assign'; lesson: Lesson; language: LessonLanguage; reasons: Reason[] }
  | { kind: 'skip'; reasons: Reason[] }
  | { kind: 'refuse'; reasons: Reason<OfferReasonCode>[] };

/**
 * What bars a lesson or a message to the customer now, every reason at once (empty: nothing does).
 * Vulnerability, a dispute or a debt adviser's pause do not bar it: a lesson or a check-in is support,
 * not collection, and carries no demand for payment.
 */
export function contactBars(
  customer: Pick<OfferFacts['customer'], 'flags' | 'choice'>,
  now: number,
  needsOptIn: boolean,
): Reason<OfferReasonCode>[] {
  const { flags, choice } = customer;
  const bars: Reason<OfferReasonCode>[] = [];
  if (flags.ceaseContact) bars.push(reason('contact.cease-contact', {}));
  if (flags.deceased) bars.push(reason('contact.deceased', {}));
  const breathingUntil =
    flags.breathingSpaceUntil === null ? Number.NaN : Date.parse(flags.breathingSpaceUntil);
  if (breathingUntil > now)
    bars.push(reason('contact.breathing-space', { until: flags.breathingSpaceUntil ?? '' }));
  if (choice?.value === 'opted_out')
    bars.push(reason('consent.opted-out', { statedAt: new Date(choice.statedAt).toISOString() }));
  else if (needsOptIn && choice?.value !== 'opted_in') bars.push(reason('consent.not-given', {}));
  return bars;
}

/**
 * Whether a lesson may be sent to a customer now, and in which language. A lesson is a contact like
 * any other: a customer who asked that contact cease, who is deceased or in Breathing Space, or who
 * opted out of lessons gets none (`contactBars`), and every reason that bars it is returned.
 *
 * @example
 * const decision = decideLessonOffer({ now, lessonId: 'budgeting', jurisdiction: 'cn', customer, alreadyAssigned: false, needsOptIn: false });
 * if (decision.kind === 'assign') decision.language; // 'zh-CN'
 */
export function decideLessonOffer(facts: OfferFacts): OfferDecision {
  const lesson = findLesson(facts.lessonId);
  if (lesson === undefined)
    return { kind: 'refuse', reasons: [reason('offer.unknown-lesson', { lessonId: facts.lessonId })] };
  const bars = contactBars(facts.customer, facts.now, facts.needsOptIn);
  if (bars.length > 0) return { kind: 'refuse', reasons: bars };
  if (facts.alreadyAssigned)
    return { kind: 'skip', reasons: [reason('offer.already-assigned', { lessonId: lesson.id })] };
  const chosen = lessonLanguageFor(facts.customer.language, facts.jurisdiction);
  return {
    kind: 'assign',
    lesson,
    language: chosen.language,
    reasons: [
      reason('offer.assign', { lessonId: lesson.id, version: lesson.version, language: chosen.language }),
      chosen.reason,
    ],
  };
}
