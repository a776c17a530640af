import { catalogue, DEFAULT_LANGUAGE, renderLesson } from '@doorstep/education';
import { z } from '@hono/zod-openapi';
import { educationTenant } from '../../education/lesson-store';
import type { createRouter } from '../../http/app';
import { partnerRoute } from '../v1/partner-route';
import { problems } from '../v1/schemas';
import { LessonLanguageSchema } from './lesson-schema';

const LessonSummarySchema = z
  .object({
    lessonId: z.string(),
    version: z.number().int(),
    title: z.string(),
    summary: z.string(),
    readingMinutes: z.number().int(),
    languages: z.array(LessonLanguageSchema),
  })
  .openapi('LessonSummary');

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/lessons',
  operationId: 'listLessons',
  tags: ['Education'],
  summary: 'The lesson catalogue',
  description:
    'The current version of every financial-education lesson, titled in the requested language (default: the tenant pack’s), with the reading time of the sections the tenant’s customers see.',
  request: { query: z.object({ language: LessonLanguageSchema.optional() }) },
  responses: {
    200: {
      description: 'The catalogue',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(LessonSummarySchema) }).openapi('LessonCatalogue'),
        },
      },
    },
    ...problems(),
  },
});

export function registerListLessons(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const tenant = await educationTenant(c.var.services.d1, c.var.auth.tenantId);
    const language = c.req.valid('query').language ?? DEFAULT_LANGUAGE[tenant.jurisdiction];
    const items = catalogue.map((lesson) => {
      const shown = renderLesson(lesson, language, tenant.jurisdiction);
      return {
        lessonId: lesson.id,
        version: lesson.version,
        title: shown.title,
        summary: shown.summary,
        readingMinutes: shown.readingMinutes,
        languages: Object.keys(lesson.text) as z.infer<typeof LessonLanguageSchema>[],
      };
    });
    return c.json({ items }, 200);
  });
}
