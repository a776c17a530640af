import { EducationTopicSchema } from '@doorstep/core';
import { JURISDICTIONS, LESSON_LANGUAGES, type RenderedLesson } from '@doorstep/education';
import { z } from '@hono/zod-openapi';
import type { LessonAssignmentRow } from '../../education/assignments';
import { isoOf, isoOrNull } from '../v1/schemas';

export const LessonLanguageSchema = z.enum(LESSON_LANGUAGES).openapi({ example: 'zh-CN' });
export const JurisdictionSchema = z.enum(JURISDICTIONS).openapi({ example: 'cn' });
export const LessonIdSchema = EducationTopicSchema.openapi({ example: 'budgeting' });

export const RenderedLessonSchema = z
  .object({
    lessonId: z.string(),
    version: z.number().int(),
    language: LessonLanguageSchema,
    jurisdiction: JurisdictionSchema,
    title: z.string(),
    summary: z.string(),
    readingMinutes: z.number().int(),
    sections: z.array(z.object({ id: z.string(), heading: z.string(), paragraphs: z.array(z.string()) })),
    quiz: z.array(
      z.object({ id: z.string(), sectionId: z.string(), prompt: z.string(), choices: z.array(z.string()) }),
    ),
  })
  .openapi('Lesson', {
    description:
      'One version of a lesson in one language, with the sections a customer of the pack sees. The quiz carries no answers.',
  });

export const renderedBody = (lesson: RenderedLesson): z.infer<typeof RenderedLessonSchema> => ({
  ...lesson,
  sections: lesson.sections.map((s) => ({ ...s, paragraphs: [...s.paragraphs] })),
  quiz: lesson.quiz.map((q) => ({ ...q, choices: [...q.choices] })),
});

const QuizResultSchema = z.object({
  correct: z.number().int(),
  total: z.number().int(),
  answers: z.array(z.object({ questionId: z.string(), choice: z.number().int(), correct: z.boolean() })),
});

export const LessonAssignmentSchema = z
  .object({
    id: z.string().openapi({ example: 'edu_3kq9w0…' }),
    customerId: z.string(),
    caseId: z.string(),
    lessonId: z.string(),
    lessonVersion: z.number().int().openapi({ description: 'The version the customer is shown, for good.' }),
    language: LessonLanguageSchema,
    jurisdiction: JurisdictionSchema,
    source: z.enum(['follow-up', 'after-cure', 'agent']),
    status: z.enum(['assigned', 'started', 'completed']),
    assignedAt: z.string(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    sectionsRead: z.array(z.string()),
    quiz: QuizResultSchema.nullable(),
  })
  .openapi('LessonAssignment');

export function assignmentBody(row: LessonAssignmentRow): z.infer<typeof LessonAssignmentSchema> {
  const quiz =
    row.quizCorrect === null || row.quizTotal === null
      ? null
      : {
          correct: row.quizCorrect,
          total: row.quizTotal,
          answers: (row.quizAnswers ?? []) as { questionId: string; choice: number; correct: boolean }[],
        };
  return {
    id: row.id,
    customerId: row.customerId,
    caseId: row.caseId,
    lessonId: row.lessonId,
    lessonVersion: row.lessonVersion,
    language: row.language as z.infer<typeof LessonLanguageSchema>,
    jurisdiction: row.jurisdiction as z.infer<typeof JurisdictionSchema>,
    source: row.source,
    status: row.completedAt !== null ? 'completed' : row.startedAt !== null ? 'started' : 'assigned',
    assignedAt: isoOf(row.assignedAt),
    startedAt: isoOrNull(row.startedAt),
    completedAt: isoOrNull(row.completedAt),
    sectionsRead: row.sectionsRead as string[],
    quiz,
  };
}

export const LessonAssignmentWithLessonSchema = LessonAssignmentSchema.extend({
  lesson: RenderedLessonSchema,
}).openapi('LessonAssignmentWithLesson');
