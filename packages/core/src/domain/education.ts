import { z } from 'zod';

/**
 * 金融知识普及: the lessons of the catalogue (`@doorstep/education`), by id. A follow-up policy names
 * them in its options and a timer carries one, so an id, once published, is never renamed.
 */
export const EducationTopicSchema = z.enum([
  'budgeting',
  'card_costs',
  'missed_payments',
  'credit_report',
  'illegal_lenders',
  'hardship_support',
  'large_expense',
  'fraud_awareness',
  'debt_priorities',
]);
export type EducationTopic = z.infer<typeof EducationTopicSchema>;
