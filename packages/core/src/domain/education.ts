import { z } from 'zod';
import { EducationModuleIdSchema } from '../ids/ids';

/** 金融知识普及: short modules an agent or an app delivers after a visit. */
export const EducationTopicSchema = z.enum([
  'budgeting',
  'debt_priorities',
  'credit_report',
  'fraud_awareness',
  'hardship_support',
]);
export type EducationTopic = z.infer<typeof EducationTopicSchema>;

export const EducationModuleSchema = z.object({
  id: EducationModuleIdSchema,
  topic: EducationTopicSchema,
  title: z.string().min(1),
  locale: z.string().min(2),
});
export type EducationModule = z.infer<typeof EducationModuleSchema>;
