import { describe, expect, it } from 'vitest';
import { budgeting } from '../lessons/budgeting';
import { scoreQuiz } from './quiz';

const text = budgeting.text.en;
const right = text.quiz.map((q) => ({ questionId: q.id, choice: q.answer }));

describe('scoreQuiz', () => {
  it('scores every question against the version shown', () => {
    expect(scoreQuiz(text, right)).toMatchObject({ ok: true, score: { correct: 3, total: 3 } });
    const oneWrong = right.map((a, i) => (i === 0 ? { ...a, choice: (a.choice + 1) % 3 } : a));
    expect(scoreQuiz(text, oneWrong)).toMatchObject({
      ok: true,
      score: {
        correct: 2,
        results: [{ questionId: 'q1', correct: false }, { correct: true }, { correct: true }],
      },
    });
  });

  it.each([
    ['a missing answer', right.slice(1), 'quiz.missing-answer'],
    ['an answer given twice', [...right, right[0]!], 'quiz.duplicate-answer'],
    ['an unknown question', [...right, { questionId: 'q9', choice: 0 }], 'quiz.unknown-question'],
    [
      'a choice that does not exist',
      [{ ...right[0]!, choice: 7 }, ...right.slice(1)],
      'quiz.choice-out-of-range',
    ],
  ])('refuses %s rather than scoring it', (_name, answers, code) => {
    const result = scoreQuiz(text, answers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain(code);
  });
});
