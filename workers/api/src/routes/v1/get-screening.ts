import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findRun } from '../../screening/runs';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';
import { ScreeningRunSchema, screeningRunBody } from './screening-schema';

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'getScreening',
  method: 'get',
  path: '/v1/screenings/{runId}',
  tags: ['Screening'],
  summary: 'A screening run’s progress',
  request: { params: idParam('runId', 'scr') },
  responses: {
    200: { description: 'The run', content: { 'application/json': { schema: ScreeningRunSchema } } },
    ...problems(404),
  },
});

export function registerGetScreening(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const row = await findRun(c.var.services.db, c.var.auth.tenantId, c.req.valid('param').runId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such screening run.');
    return c.json(screeningRunBody(row), 200);
  });
}
