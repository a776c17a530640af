import { sectionsFor } from '@doorstep/education';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { assignmentById, findAssignmentWithLesson } from '../../education/assignments';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { auditStatement } from '../../repositories/audit';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { assignmentBody, LessonAssignmentSchema } from './lesson-schema';

const ProgressSchema = z
  .object({ sectionId: z.string().min(1).max(64).openapi({ example: 'floor-income' }) })
  .openapi('LessonProgress');

export const route = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  method: 'post',
  path: '/v1/lesson-assignments/{assignmentId}/progress',
  operationId: 'recordLessonProgress',
  tags: ['Education'],
  summary: 'Record that the customer read a section',
  description:
    'The first section read starts the lesson. Each section counts once: reporting it again changes nothing and writes no audit row. The section must be one the customer is shown.',
  request: {
    params: idParam('assignmentId', 'edu'),
    body: { content: { 'application/json': { schema: ProgressSchema } }, required: true },
  },
  responses: {
    200: { description: 'Recorded', content: { 'application/json': { schema: LessonAssignmentSchema } } },
    ...problems(404),
  },
});

export function registerRecordLessonProgress(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { assignmentId } = c.req.valid('param');
    const { sectionId } = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const now = ports.now();
    const found = await findAssignmentWithLesson(db, d1, c.var.auth, assignmentId, now);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such lesson assignment.');
    const { row } = found;
    const shown = sectionsFor(found.lesson.text[found.language], found.jurisdiction).map((s) => s.id);
    if (!shown.includes(sectionId))
      throw new ApiError('REQUEST.INVALID', 'The customer is not shown that section.', {
        errors: [{ path: '/sectionId', in: 'body', message: `one of: ${shown.join(', ')}` }],
      });
    await d1.batch([
      d1
        .prepare(
          `UPDATE lesson_assignments SET started_at = COALESCE(started_at, ?1), sections_read = json_insert(sections_read, '$[#]', ?2)
           WHERE tenant_id = ?3 AND id = ?4 AND NOT EXISTS (SELECT 1 FROM json_each(sections_read) WHERE value = ?2)`,
        )
        .bind(now, sectionId, row.tenantId, row.id),
      auditStatement(
        c,
        {
          action: 'lesson.section-read',
          subjectType: 'lesson-assignment',
          subjectId: row.id,
          data: {
            customerId: row.customerId,
            lessonId: row.lessonId,
            sectionId,
            started: row.startedAt === null,
          },
        },
        sql`changes() = 1`,
      ),
    ]);
    const updated = await assignmentById(db, row.tenantId, row.id);
    return c.json(assignmentBody(updated), 200);
  });
}
