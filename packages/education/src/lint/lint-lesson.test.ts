import { describe, expect, it } from 'vitest';
import type { Lesson, LessonText } from '../lesson/lesson';
import { budgeting } from '../lessons/budgeting';
import { hardshipSupport } from '../lessons/hardship-support';
import { type LessonLintCode, lintLesson } from './lint-lesson';
import { CATALOGUE_LINT_RULES } from './pack-rules';

type Edit = (text: LessonText) => LessonText;

/** A copy of a lesson with one language's text changed. */
const editing = (lesson: Lesson, language: 'en' | 'zh-CN', edit: Edit): Lesson => ({
  ...lesson,
  text: { ...lesson.text, [language]: edit(JSON.parse(JSON.stringify(lesson.text[language])) as LessonText) },
});

const codes = (lesson: Lesson) => [...new Set(lintLesson(lesson, CATALOGUE_LINT_RULES).map((p) => p.code))];

const mutable = (text: LessonText) =>
  text as unknown as {
    sections: {
      id: string;
      paragraphs: string[];
      heading: string;
      states?: unknown;
      jurisdictions?: string[];
    }[];
    quiz: { answer: number; keyPhrase: string; choices: string[]; sectionId: string }[];
  };

describe('lintLesson', () => {
  it('accepts a lesson of the catalogue as it is', () => {
    expect(lintLesson(budgeting, CATALOGUE_LINT_RULES)).toEqual([]);
  });

  const cases: [string, Lesson, LessonLintCode][] = [
    [
      'a missing language',
      { ...budgeting, text: { en: budgeting.text.en } as Lesson['text'] },
      'language.missing',
    ],
    [
      'a section only one language has',
      editing(budgeting, 'zh-CN', (t) => ({ ...t, sections: t.sections.slice(0, -1) })),
      'structure.mismatch',
    ],
    ['a version 0', { ...budgeting, version: 0 }, 'lesson.version'],
    [
      'a quiz of two questions',
      editing(budgeting, 'en', (t) => ({ ...t, quiz: t.quiz.slice(0, 2) })),
      'quiz.count',
    ],
    [
      'a key phrase the section does not contain',
      editing(budgeting, 'en', (t) => {
        mutable(t).quiz[0]!.keyPhrase = 'highest month';
        return t;
      }),
      'quiz.key-phrase-not-in-section',
    ],
    [
      'a right answer that does not say the key phrase',
      editing(budgeting, 'en', (t) => {
        mutable(t).quiz[0]!.choices[1] = 'The month you earned least';
        return t;
      }),
      'quiz.key-phrase-not-in-answer',
    ],
    [
      'a wrong choice that also says the key phrase',
      editing(budgeting, 'en', (t) => {
        mutable(t).quiz[0]!.choices[0] = 'Your lowest month plus a bonus';
        return t;
      }),
      'quiz.key-phrase-in-wrong-choice',
    ],
    [
      'a question pointing at a section that does not exist',
      editing(budgeting, 'en', (t) => {
        mutable(t).quiz[0]!.sectionId = 'nowhere';
        return t;
      }),
      'quiz.section-unknown',
    ],
    [
      'a question answered only in one pack’s section',
      editing(hardshipSupport, 'en', (t) => {
        mutable(t).quiz[0]!.sectionId = 'rights-uk';
        return t;
      }),
      'quiz.section-not-common',
    ],
    [
      'every right answer in the same place',
      editing(budgeting, 'zh-CN', (t) => {
        for (const q of mutable(t).quiz) {
          const right = q.choices[q.answer]!;
          q.choices.splice(q.answer, 1);
          q.choices.unshift(right);
          q.answer = 0;
        }
        return t;
      }),
      'quiz.answers-same-position',
    ],
    [
      'a threat',
      editing(budgeting, 'en', (t) => {
        mutable(t).sections[0]!.paragraphs.push('Pay now or else.');
        return t;
      }),
      'phrase.banned',
    ],
    [
      'shaming in Chinese',
      editing(budgeting, 'zh-CN', (t) => {
        mutable(t).sections[0]!.heading = '别做老赖';
        return t;
      }),
      'phrase.banned',
    ],
    [
      'a one-pack phrase (US wage garnishment)',
      editing(budgeting, 'en', (t) => {
        mutable(t).sections[1]!.paragraphs.push('Otherwise we garnish your wages.');
        return t;
      }),
      'phrase.banned',
    ],
    [
      'an over-long sentence',
      editing(budgeting, 'en', (t) => {
        mutable(t).sections[0]!.paragraphs.push(`${'word '.repeat(40)}end.`);
        return t;
      }),
      'sentence.too-long',
    ],
    [
      'too little to read',
      editing(budgeting, 'en', (t) => {
        for (const s of mutable(t).sections) s.paragraphs = s.paragraphs.slice(0, 1);
        return t;
      }),
      'length.too-short',
    ],
    [
      'too much to read',
      editing(budgeting, 'zh-CN', (t) => {
        mutable(t).sections[4]!.paragraphs.push(
          ...Array(60).fill('每个月底比较计划和实际花费，想一想哪里需要调整。'),
        );
        return t;
      }),
      'length.too-long',
    ],
    [
      'contact hours the pack does not enforce',
      {
        ...hardshipSupport,
        text: Object.fromEntries(
          Object.entries(hardshipSupport.text).map(([language, text]) => {
            const copy = JSON.parse(JSON.stringify(text)) as LessonText;
            mutable(copy).sections.find((s) => s.id === 'rights-in')!.states = {
              contactHours: { from: '08:00', to: '21:00' },
            };
            return [language, copy];
          }),
        ) as Lesson['text'],
      },
      'pack.rule-mismatch',
    ],
    [
      'a stated rule the text never says',
      editing(hardshipSupport, 'zh-CN', (t) => {
        const section = mutable(t).sections.find((s) => s.id === 'rights-cn')!;
        section.paragraphs = section.paragraphs.map((p) => p.replaceAll('22:00', '晚上十点'));
        return t;
      }),
      'pack.rule-mismatch',
    ],
  ];

  it.each(cases)('reports %s', (_name, lesson, code) => {
    expect(codes(lesson)).toContain(code);
  });

  it('gives every problem a path into the lesson and a message', () => {
    const problems = lintLesson(
      editing(budgeting, 'en', (t) => ({ ...t, quiz: t.quiz.slice(0, 1) })),
      CATALOGUE_LINT_RULES,
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'quiz.count',
        language: 'en',
        path: '/text/en/quiz',
        lessonId: 'budgeting',
      }),
    );
  });
});
