import type { EducationTopic, Reason } from '@doorstep/core';
import {
  type CustomerChoice,
  checkInMessage,
  consentBars,
  decideLessonOffer,
  type Jurisdiction,
  type Lesson,
  type LessonLanguage,
  lessonLanguageFor,
} from '@doorstep/education';
import type { OutboundEvent } from './events';
import { engineReason } from './reasons';
import type { TimerPayload } from './timer-plan';

/**
 * What a contact-making timer (a lesson, a check-in after a cure) reads about the customer as they are
 * now, beyond compliance (judged for every timer by the packs, `TimerFacts.barred`).
 */
export interface CustomerContactFacts {
  jurisdiction: Jurisdiction;
  language: string | null;
  choice: CustomerChoice;
  assignedLessonIds: readonly string[];
  /** Another delinquency case of the customer is open: collections, not a relationship, is under way. */
  delinquentAgain: boolean;
}

export type ContactAction =
  | {
      kind: 'assign_education';
      lesson: Lesson;
      language: LessonLanguage;
      jurisdiction: Jurisdiction;
      source: 'follow-up' | 'after-cure';
      /** `education.assigned` is announced with the assignment row, and only if that row is new. */
      events: [];
      reasons: Reason[];
    }
  | { kind: 'send_check_in'; events: OutboundEvent[]; reasons: Reason[] }
  /** The contact is not made: the customer opted out, or never said yes where consent is needed. Audited. */
  | { kind: 'withhold_contact'; events: []; reasons: Reason[] }
  | { kind: 'none'; timerState: 'done' | 'cancelled'; events: []; reasons: Reason[] };

interface ContactInput {
  caseId: string;
  caseStatus: string;
  payload: TimerPayload;
  customer: CustomerContactFacts;
}

function offerLesson(
  input: ContactInput,
  lessonId: EducationTopic,
  source: 'follow-up' | 'after-cure',
): ContactAction {
  const { customer } = input;
  const decision = decideLessonOffer({
    lessonId,
    jurisdiction: customer.jurisdiction,
    customer,
    alreadyAssigned: customer.assignedLessonIds.includes(lessonId),
    needsOptIn: source === 'after-cure' && input.payload.consent === 'opt-in',
  });
  if (decision.kind === 'refuse') return { kind: 'withhold_contact', events: [], reasons: decision.reasons };
  if (decision.kind === 'skip')
    return { kind: 'none', timerState: 'done', events: [], reasons: decision.reasons };
  return {
    kind: 'assign_education',
    lesson: decision.lesson,
    language: decision.language,
    jurisdiction: customer.jurisdiction,
    source,
    events: [],
    reasons: decision.reasons,
  };
}

/** A lesson the follow-up policy scheduled during collection (a supportive follow-up). */
export const decideEducation = (input: ContactInput): ContactAction =>
  offerLesson(input, input.payload.educationTopic ?? 'budgeting', 'follow-up');

/**
 * A contact after a cure: only while the case stays cured and the customer is not behind again on
 * another account (collection and courtesy never mix), then judged like any lesson or message.
 */
export function decideAfterCure(
  input: ContactInput,
  kind: 'after_cure_check_in' | 'after_cure_lesson',
): ContactAction {
  if (input.caseStatus !== 'cured')
    return {
      kind: 'none',
      timerState: 'cancelled',
      events: [],
      reasons: [engineReason('relationship.case-not-cured', { status: input.caseStatus })],
    };
  if (input.customer.delinquentAgain)
    return {
      kind: 'none',
      timerState: 'cancelled',
      events: [],
      reasons: [engineReason('relationship.delinquent-again', {})],
    };
  if (kind === 'after_cure_lesson')
    return offerLesson(input, input.payload.educationTopic ?? 'credit_report', 'after-cure');
  // A check-in is a message: the customer's choice bars it as it bars a lesson.
  const bars = consentBars(input.customer.choice, input.payload.consent === 'opt-in');
  if (bars.length > 0) return { kind: 'withhold_contact', events: [], reasons: bars };
  const months = input.payload.monthsAfterCure ?? 1;
  const { language } = lessonLanguageFor(input.customer.language, input.customer.jurisdiction);
  return {
    kind: 'send_check_in',
    events: [
      {
        type: 'relationship.check_in_due',
        caseId: input.caseId,
        data: { monthsAfterCure: months, language, message: checkInMessage(language, months) },
      },
    ],
    reasons: [engineReason('relationship.check-in', { months, language })],
  };
}
