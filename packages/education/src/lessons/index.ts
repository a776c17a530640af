import type { EducationTopic } from '@doorstep/core';
import type { Lesson } from '../lesson/lesson';
import { budgeting } from './budgeting';
import { cardCosts } from './card-costs';
import { creditReport } from './credit-report';
import { debtPriorities } from './debt-priorities';
import { fraudAwareness } from './fraud-awareness';
import { hardshipSupport } from './hardship-support';
import { illegalLenders } from './illegal-lenders';
import { largeExpense } from './large-expense';
import { missedPayments } from './missed-payments';

/**
 * The built-in catalogue: the current version of every lesson, one per topic. Earlier versions live on
 * in D1 (`lesson_versions`) for the customers who were shown them; this list only ever holds the latest.
 */
export const catalogue: readonly Lesson[] = [
  budgeting,
  cardCosts,
  missedPayments,
  creditReport,
  illegalLenders,
  hardshipSupport,
  largeExpense,
  fraudAwareness,
  debtPriorities,
];

const byId = new Map<string, Lesson>(catalogue.map((lesson) => [lesson.id, lesson]));

export const findLesson = (id: EducationTopic | string): Lesson | undefined => byId.get(id);
