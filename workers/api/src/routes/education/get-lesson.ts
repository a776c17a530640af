import { DEFAULT_LANGUAGE, findLesson, renderLesson } from '@doorstep/education';
import { z } from '@hono/zod-openapi';
import { educationTenant } from '../../education/lesson-store';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { partnerRoute } from '../v1/partner-route';
import { problems } from '../v1/schemas';
import {
  JurisdictionSchema,
  LessonIdSchema,
  LessonLanguageSchema,
  RenderedLessonSchema,
  renderedBody,
} from './lesson-schema';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/lessons/{lessonId}',
  operationId: 'getLesson',
  tags: ['Education'],
  summary: 'A lesson’s current version, as a customer would see it',
  description:
    'For previews. What a customer reads is their assignment’s own version (`GET /v1/lesson-assignments/{assignmentId}`), which a later edit does not change. `jurisdiction` defaults to the tenant’s pack, `language` to that pack’s default.',
  request: {
    params: z.object({ lessonId: LessonIdSchema.openapi({ param: { name: 'lessonId', in: 'path' } }) }),
    query: z.object({
      language: LessonLanguageSchema.optional(),
      jurisdiction: JurisdictionSchema.optional(),
    }),
  },
  responses: {
    200: { description: 'The lesson', content: { 'application/json': { schema: RenderedLessonSchema } } },
    ...problems(404),
  },
});

export function registerGetLesson(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const lesson = findLesson(c.req.valid('param').lessonId);
    if (!lesson) throw new ApiError('RESOURCE.NOT_FOUND', 'No such lesson.');
    const query = c.req.valid('query');
    const jurisdiction =
      query.jurisdiction ?? (await educationTenant(c.var.services.d1, c.var.auth.tenantId)).jurisdiction;
    const language = query.language ?? DEFAULT_LANGUAGE[jurisdiction];
    return c.json(renderedBody(renderLesson(lesson, language, jurisdiction)), 200);
  });
}
