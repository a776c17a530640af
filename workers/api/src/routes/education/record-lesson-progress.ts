import { isJurisdiction, type LessonLanguage, sectionsFor } from '@doorstep/education';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { assignmentById, findAssignment } from '../../education/assignments';
import { lessonAsShown } from '../../education/lesson-store';
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
    const row = await findAssignment(db, c.var.auth, assignmentId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such lesson assignment.');
    const now = ports.now();
    const lesson = await lessonAsShown(d1, row.tenantId, row.lessonId, row.lessonVersion, now);
    if (!lesson || !isJurisdiction(row.jurisdiction))
      throw new Error(`assignment ${row.id}: version ${row.lessonVersion} of ${row.lessonId} is not stored`);
    const shown = sectionsFor(lesson.text[row.language as LessonLanguage], row.jurisdiction).map((s) => s.id);
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
