import type { LessonText } from './lesson';

export interface QuizAnswer {
  questionId: string;
  choice: number;
}

export interface QuizScore {
  correct: number;
  total: number;
  /** Per question, in the lesson's order: whether the chosen answer was the right one. */
  results: { questionId: string; choice: number; correct: boolean }[];
}

export type QuizProblem =
  | { code: 'quiz.unknown-question'; questionId: string }
  | { code: 'quiz.missing-answer'; questionId: string }
  | { code: 'quiz.duplicate-answer'; questionId: string }
  | { code: 'quiz.choice-out-of-range'; questionId: string; choices: number };

/**
 * Scores one submission against the version the customer was shown. Every question must be answered
 * once; a wrong or partial submission is returned as problems, never scored.
 */
export function scoreQuiz(
  text: Pick<LessonText, 'quiz'>,
  answers: readonly QuizAnswer[],
): { ok: true; score: QuizScore } | { ok: false; problems: QuizProblem[] } {
  const problems: QuizProblem[] = [];
  const byId = new Map<string, number>();
  for (const answer of answers) {
    const question = text.quiz.find((q) => q.id === answer.questionId);
    if (question === undefined)
      problems.push({ code: 'quiz.unknown-question', questionId: answer.questionId });
    else if (byId.has(answer.questionId))
      problems.push({ code: 'quiz.duplicate-answer', questionId: answer.questionId });
    else if (
      !Number.isInteger(answer.choice) ||
      answer.choice < 0 ||
      answer.choice >= question.choices.length
    )
      problems.push({
        code: 'quiz.choice-out-of-range',
        questionId: answer.questionId,
        choices: question.choices.length,
      });
    else byId.set(answer.questionId, answer.choice);
  }
  for (const question of text.quiz)
    if (!byId.has(question.id) && !answers.some((a) => a.questionId === question.id))
      problems.push({ code: 'quiz.missing-answer', questionId: question.id });
  if (problems.length > 0) return { ok: false, problems };
  const results = text.quiz.map((question) => {
    const choice = byId.get(question.id)!;
    return { questionId: question.id, choice, correct: choice === question.answer };
  });
  return {
    ok: true,
    score: { correct: results.filter((r) => r.correct).length, total: results.length, results },
  };
}
