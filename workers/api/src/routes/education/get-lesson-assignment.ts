import { renderLesson } from '@doorstep/education';
import { findAssignmentWithLesson } from '../../education/assignments';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { assignmentBody, LessonAssignmentWithLessonSchema, renderedBody } from './lesson-schema';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/lesson-assignments/{assignmentId}',
  operationId: 'getLessonAssignment',
  tags: ['Education'],
  summary: 'A customer’s lesson, in the version and language they were assigned',
  description:
    'The text is the version stored when the lesson was assigned, in the customer’s language and with their pack’s sections: editing the catalogue later never changes what this customer reads. The quiz carries no answers.',
  request: { params: idParam('assignmentId', 'edu') },
  responses: {
    200: {
      description: 'The assignment and its lesson',
      content: { 'application/json': { schema: LessonAssignmentWithLessonSchema } },
    },
    ...problems(404),
  },
});

export function registerGetLessonAssignment(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { d1, db, ports } = c.var.services;
    const found = await findAssignmentWithLesson(
      db,
      d1,
      c.var.auth,
      c.req.valid('param').assignmentId,
      ports.now(),
    );
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such lesson assignment.');
    const shown = renderLesson(found.lesson, found.language, found.jurisdiction);
    return c.json({ ...assignmentBody(found.row), lesson: renderedBody(shown) }, 200);
  });
}
