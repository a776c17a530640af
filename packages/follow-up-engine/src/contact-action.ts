import type { CustomerFlags, EducationTopic, Reason } from '@doorstep/core';
import {
  checkInMessage,
  contactBars,
  decideLessonOffer,
  type Jurisdiction,
  type Lesson,
  type LessonLanguage,
  lessonLanguageFor,
  type RelationshipChoice,
} from '@doorstep/education';
import type { OutboundEvent } from './events';
import { engineReason } from './reasons';
import type { TimerPayload } from './timer-plan';

/** What a contact-making timer (a lesson, a check-in after a cure) reads about the customer as they are now. */
export interface CustomerContactFacts {
  jurisdiction: Jurisdiction;
  language: string | null;
  flags: CustomerFlags;
  choice: { value: RelationshipChoice; statedAt: number } | null;
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
  /** The contact is not made: the customer said no, asked that contact cease, or is barred now. Audited. */
  | { kind: 'withhold_contact'; events: []; reasons: Reason[] }
  | { kind: 'none'; timerState: 'done' | 'cancelled'; events: []; reasons: Reason[] };

interface ContactInput {
  now: number;
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
    now: input.now,
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
  // A check-in is a message: the same bars as a lesson.
  const bars = contactBars(input.customer, input.now, input.payload.consent === 'opt-in');
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
