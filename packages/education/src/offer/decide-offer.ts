import { type EducationTopic, type Reason, reasonFactory } from '@doorstep/core';
import { lessonLanguageFor } from '../lesson/language';
import type { Jurisdiction, Lesson, LessonLanguage } from '../lesson/lesson';
import { findLesson } from '../lessons';

/** What the customer said about lessons and check-ins after a cure; null when they never said. */
export type RelationshipChoice = 'opted_in' | 'opted_out';

export const OFFER_REASONS = {
  'offer.assign': 'Lesson {lessonId} v{version} assigned in {language}',
  'offer.already-assigned': 'Lesson {lessonId} was already assigned to the customer',
  'offer.unknown-lesson': 'No lesson {lessonId} in the catalogue',
  'consent.opted-out': 'The customer opted out of lessons and check-ins on {statedAt}',
  'consent.not-given': 'Lessons after a cure need the customer’s consent, and none is recorded',
} as const;
export type OfferReasonCode = keyof typeof OFFER_REASONS;
const reason = reasonFactory(OFFER_REASONS);

export type CustomerChoice = { value: RelationshipChoice; statedAt: number } | null;

export interface OfferFacts {
  lessonId: EducationTopic;
  jurisdiction: Jurisdiction;
  customer: { language: string | null; choice: CustomerChoice };
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
 * What the customer's own choice bars: an opt-out stops every lesson and check-in, and under an
 * opt-in policy nothing is sent without a recorded yes. Compliance (cease-contact, deceased, Breathing
 * Space …) is judged apart, by the packs, like every other contact (`judgeAction` with the stance).
 */
export function consentBars(choice: CustomerChoice, needsOptIn: boolean): Reason<OfferReasonCode>[] {
  if (choice?.value === 'opted_out')
    return [reason('consent.opted-out', { statedAt: new Date(choice.statedAt).toISOString() })];
  if (needsOptIn && choice?.value !== 'opted_in') return [reason('consent.not-given', {})];
  return [];
}

/**
 * Whether a lesson compliance allows may be sent, and in which language: not to a customer who opted
 * out (or, where consent is needed, never said yes), once per customer, in their language.
 *
 * @example
 * const decision = decideLessonOffer({ lessonId: 'budgeting', jurisdiction: 'cn', customer, alreadyAssigned: false, needsOptIn: false });
 * if (decision.kind === 'assign') decision.language; // 'zh-CN'
 */
export function decideLessonOffer(facts: OfferFacts): OfferDecision {
  const lesson = findLesson(facts.lessonId);
  if (lesson === undefined)
    return { kind: 'refuse', reasons: [reason('offer.unknown-lesson', { lessonId: facts.lessonId })] };
  const bars = consentBars(facts.customer.choice, facts.needsOptIn);
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
