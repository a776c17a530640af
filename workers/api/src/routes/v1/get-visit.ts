import { masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf } from '../../middleware/etag';
import { findVisit } from '../../repositories/visits';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';
import { VisitSchema, visitBody } from './visit-schema';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'getVisit',
  method: 'get',
  path: '/v1/visits/{visitId}',
  tags: ['Visits'],
  summary: 'Get a visit with its outcome',
  description:
    'The `ETag` header carries the version to send in `If-Match` when checking in or recording the outcome.',
  request: { params: idParam('visitId', 'vis') },
  responses: {
    200: { description: 'The visit', content: { 'application/json': { schema: VisitSchema } } },
    ...problems(404),
  },
});

export function registerGetVisit(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const found = await findVisit(c.var.services.db, c.var.auth, c.req.valid('param').visitId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const outcome = found.outcome === null ? null : { row: found.outcome, currency: found.currency };
    c.header('ETag', etagOf(found.visit.version));
    return c.json(visitBody(found.visit, outcome, masksPersonalData(c.var.auth)), 200);
  });
}
