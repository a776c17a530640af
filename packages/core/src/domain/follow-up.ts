import { z } from 'zod';
import { CaseIdSchema, FollowUpIdSchema } from '../ids/ids';
import { ReasonSchema } from '../reasons/reason';
import { InstantSchema } from '../time/schemas';
import { EducationTopicSchema } from './education';
import { HardshipReasonSchema } from './visit-outcome';

export const FollowUpKindSchema = z.enum([
  'instalment_reminder',
  'instalment_check',
  'promise_check',
  'revisit',
  'restructure_plan',
  'education',
  'escalation',
  'hardship_review',
  /** A supportive call to see how the customer is doing, scheduled during a hardship pause. */
  'check_in_call',
  /** After a cure: a check-in message to see how the customer is doing, never about money. */
  'after_cure_check_in',
  /** After a cure: a lesson offered, if the customer accepts contact. */
  'after_cure_lesson',
]);
export type FollowUpKind = z.infer<typeof FollowUpKindSchema>;

export const FollowUpSchema = z.object({
  id: FollowUpIdSchema,
  caseId: CaseIdSchema,
  kind: FollowUpKindSchema,
  dueAt: InstantSchema,
  educationTopic: EducationTopicSchema.nullable(),
  reason: ReasonSchema,
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/**
 * A stretch during which only supportive follow-ups may act (education, a check-in call): the
 * follow-up policy starts one when a visit outcome reports hardship. Compliance reads it like a flag.
 */
export const FollowUpPauseSchema = z.object({
  reasons: z.array(HardshipReasonSchema).min(1),
  from: InstantSchema,
  until: InstantSchema,
});
export type FollowUpPause = z.infer<typeof FollowUpPauseSchema>;
