import { scoreQuiz } from '@doorstep/education';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { assignmentById, findAssignmentWithLesson } from '../../education/assignments';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { auditStatement } from '../../repositories/audit';
import { announceStatements, dispatchDeliveries } from '../../webhooks/outbox';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { assignmentBody, LessonAssignmentSchema } from './lesson-schema';

const QuizSubmissionSchema = z
  .object({
    answers: z
      .array(
        z.object({
          questionId: z.string().min(1).max(32),
          choice: z.number().int().min(0).max(9).openapi({ description: 'Index of the chosen answer.' }),
        }),
      )
      .min(1)
      .max(10),
  })
  .openapi('LessonQuizSubmission');

export const route = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  method: 'post',
  path: '/v1/lesson-assignments/{assignmentId}/quiz',
  operationId: 'submitLessonQuiz',
  tags: ['Education'],
  summary: 'Submit the customer’s answers to the check of understanding',
  description:
    'Scores every question against the version the customer was shown, stores the answers, completes the lesson (audited) and announces `education.completed`. One submission per assignment: a second answers 409. Every question needs one answer; a missing, repeated or unknown one is 422 with its path.',
  request: {
    params: idParam('assignmentId', 'edu'),
    body: { content: { 'application/json': { schema: QuizSubmissionSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Scored and completed',
      content: { 'application/json': { schema: LessonAssignmentSchema } },
    },
    ...problems(404, 409),
  },
});

export function registerSubmitLessonQuiz(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { assignmentId } = c.req.valid('param');
    const { answers } = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const now = ports.now();
    const found = await findAssignmentWithLesson(db, d1, c.var.auth, assignmentId, now);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such lesson assignment.');
    const { row } = found;
    if (row.completedAt !== null)
      throw new ApiError('RESOURCE.CONFLICT', 'The quiz of this lesson was already answered.');
    const scored = scoreQuiz(found.lesson.text[found.language], answers);
    if (!scored.ok)
      throw new ApiError('REQUEST.INVALID', 'Every question needs exactly one answer among its choices.', {
        errors: scored.problems.map((problem) => {
          const index = answers.findIndex((a) => a.questionId === problem.questionId);
          return {
            path: index < 0 ? '/answers' : `/answers/${index}`,
            in: 'body' as const,
            code: problem.code,
            message: `${problem.code}: ${problem.questionId}`,
          };
        }),
      });
    const { correct, total, results } = scored.score;
    const open = {
      sql: `EXISTS (SELECT 1 FROM lesson_assignments WHERE tenant_id = ? AND id = ? AND completed_at IS NULL)`,
      binds: [row.tenantId, row.id],
    };
    // Events first: they are guarded on the lesson still being open, which the update after them closes.
    const announced = announceStatements(d1, ports, {
      tenantId: row.tenantId,
      sourceId: `${row.id}:completed`,
      events: [
        {
          type: 'education.completed',
          caseId: row.caseId,
          data: {
            moduleId: row.lessonId,
            assignmentId: row.id,
            lessonId: row.lessonId,
            lessonVersion: row.lessonVersion,
            language: row.language,
            quizCorrect: correct,
            quizTotal: total,
          },
        },
      ],
      now,
      guard: open,
    });
    const written = await d1.batch([
      ...announced.statements,
      d1
        .prepare(
          `UPDATE lesson_assignments SET started_at = COALESCE(started_at, ?1), completed_at = ?1, quiz_answers = ?2,
             quiz_correct = ?3, quiz_total = ?4
           WHERE tenant_id = ?5 AND id = ?6 AND completed_at IS NULL`,
        )
        .bind(now, JSON.stringify(results), correct, total, row.tenantId, row.id),
      auditStatement(
        c,
        {
          action: 'lesson.completed',
          subjectType: 'lesson-assignment',
          subjectId: row.id,
          data: {
            customerId: row.customerId,
            lessonId: row.lessonId,
            lessonVersion: row.lessonVersion,
            language: row.language,
            quizCorrect: correct,
            quizTotal: total,
          },
        },
        sql`changes() = 1`,
      ),
    ]);
    const closed = written[announced.statements.length]?.meta.changes === 1;
    if (!closed) throw new ApiError('RESOURCE.CONFLICT', 'The quiz of this lesson was already answered.');
    await dispatchDeliveries(c.env.JOBS, row.tenantId, written, announced.deliveryStatementIndexes);
    return c.json(assignmentBody(await assignmentById(db, row.tenantId, row.id)), 200);
  });
}
