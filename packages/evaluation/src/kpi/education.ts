import { countRate, type KpiDefinition, type KpiResult } from './kpi';
import type { IsoDate } from './rows';

const window = {
  kind: 'activity' as const,
  rule:
    'Lessons assigned on a local date from the start through the end of the window; a start or a completion ' +
    'counts if it happened by the end of the last day. Period groups by the assignment date.',
};

export const educationStartRate: KpiDefinition<'education.start-rate'> = {
  id: 'education.start-rate',
  title: 'Lessons started',
  numerator: 'lessons of which the customer read at least one section',
  denominator: 'lessons assigned',
  window,
  unit: 'rate',
  groupBy: ['period', 'lesson', 'language'],
};

export const educationCompletionRate: KpiDefinition<'education.completion-rate'> = {
  id: 'education.completion-rate',
  title: 'Lessons completed',
  numerator: 'lessons whose check of understanding the customer answered',
  denominator: 'lessons assigned',
  window,
  unit: 'rate',
  groupBy: ['period', 'lesson', 'language'],
};

export const educationQuizScore: KpiDefinition<'education.quiz-score'> = {
  id: 'education.quiz-score',
  title: 'Mean quiz score',
  numerator: 'quiz questions answered correctly',
  denominator: 'quiz questions answered (three per completed lesson)',
  window,
  unit: 'rate',
  groupBy: ['period', 'lesson', 'language'],
};

/** A lesson assignment as D1 holds it. */
export interface LessonAssignmentRow {
  lessonId: string;
  language: string;
  assignedOn: IsoDate;
  startedAt: number | null;
  completedAt: number | null;
  quizCorrect: number | null;
  quizTotal: number | null;
}

export interface EducationAggregate {
  assigned: number;
  started: number;
  completed: number;
  quizCorrect: number;
  quizQuestions: number;
}

/** Sums the assignments of the window, counting what happened before `untilMs` (the end of the window). */
export function aggregateEducation(
  rows: readonly LessonAssignmentRow[],
  window: { from: IsoDate; to: IsoDate; untilMs: number },
): EducationAggregate {
  const aggregate: EducationAggregate = {
    assigned: 0,
    started: 0,
    completed: 0,
    quizCorrect: 0,
    quizQuestions: 0,
  };
  for (const row of rows) {
    if (row.assignedOn < window.from || row.assignedOn > window.to) continue;
    aggregate.assigned += 1;
    if (row.startedAt !== null && row.startedAt < window.untilMs) aggregate.started += 1;
    if (row.completedAt !== null && row.completedAt < window.untilMs) {
      aggregate.completed += 1;
      aggregate.quizCorrect += row.quizCorrect ?? 0;
      aggregate.quizQuestions += row.quizTotal ?? 0;
    }
  }
  return aggregate;
}

export const educationStartRateOf = (a: EducationAggregate): KpiResult<'education.start-rate'> =>
  countRate(educationStartRate.id, a.started, a.assigned);
export const educationCompletionRateOf = (a: EducationAggregate): KpiResult<'education.completion-rate'> =>
  countRate(educationCompletionRate.id, a.completed, a.assigned);
export const educationQuizScoreOf = (a: EducationAggregate): KpiResult<'education.quiz-score'> =>
  countRate(educationQuizScore.id, a.quizCorrect, a.quizQuestions);
