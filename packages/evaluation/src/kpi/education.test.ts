import { describe, expect, it } from 'vitest';
import {
  aggregateEducation,
  educationCompletionRateOf,
  educationQuizScoreOf,
  educationStartRateOf,
  type LessonAssignmentRow,
} from './education';

const until = Date.parse('2026-02-01T00:00:00Z');
const row = (overrides: Partial<LessonAssignmentRow>): LessonAssignmentRow => ({
  lessonId: 'budgeting',
  language: 'en',
  assignedOn: '2026-01-15',
  startedAt: null,
  completedAt: null,
  quizCorrect: null,
  quizTotal: null,
  ...overrides,
});

describe('education KPIs', () => {
  const aggregate = aggregateEducation(
    [
      row({}),
      row({ startedAt: until - 1 }),
      row({ startedAt: until - 5, completedAt: until - 1, quizCorrect: 2, quizTotal: 3 }),
      // Completed after the window: started counts, the completion and its score do not.
      row({ startedAt: until - 5, completedAt: until, quizCorrect: 3, quizTotal: 3 }),
      // Assigned outside the window: not counted at all.
      row({ assignedOn: '2026-02-01', startedAt: 1, completedAt: 1, quizCorrect: 3, quizTotal: 3 }),
    ],
    { from: '2026-01-01', to: '2026-01-31', untilMs: until },
  );

  it('counts assigned, started and completed lessons and the quiz answers of the completed ones', () => {
    expect(aggregate).toEqual({ assigned: 4, started: 3, completed: 1, quizCorrect: 2, quizQuestions: 3 });
    expect(educationStartRateOf(aggregate).value).toBe(3 / 4);
    expect(educationCompletionRateOf(aggregate).value).toBe(1 / 4);
    expect(educationQuizScoreOf(aggregate)).toMatchObject({ numerator: 2, denominator: 3 });
  });
});
