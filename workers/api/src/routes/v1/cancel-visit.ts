import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { findVisit } from '../../repositories/visits';
import { cancelledAs, cancelVisit } from '../../visits/cancel';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';
import { CancelVisitSchema } from './visit-lifecycle-schema';
import { VisitSchema, visitBody } from './visit-schema';

export const route = partnerRoute(['admin', 'supervisor', 'agent'], {
  method: 'post',
  path: '/v1/visits/{visitId}/cancel',
  operationId: 'cancelVisit',
  ifMatch: true,
  tags: ['Visits'],
  summary: 'Call a visit off',
  description:
    'With a reason from the catalogue and whether the customer was told; audited and announced as `visit.cancelled`. A visit under way or done cannot be called off (record its outcome). A case whose only coming visit this was goes back to `screened`. Needs `If-Match`; cancelling again the same way answers the cancellation.',
  request: {
    params: idParam('visitId', 'vis'),
    body: { content: { 'application/json': { schema: CancelVisitSchema } }, required: true },
  },
  responses: {
    200: { description: 'Called off', content: { 'application/json': { schema: VisitSchema } } },
    ...problems(400, 404, 409, 412, 422, 428),
  },
});

export function registerCancelVisit(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const body = c.req.valid('json');
    const found = await findVisit(c.var.services.db, c.var.auth, visitId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const { visit } = found;
    // A retry whose answer was lost finds the visit already called off the same way.
    if (cancelledAs(visit, body)) {
      c.header('ETag', etagOf(visit.version));
      return c.json(visitBody(visit, null, false), 200);
    }
    const version = ifMatchVersion(c);
    if (visit.version !== version) throw staleVersion();
    if (visit.status !== 'planned' && visit.status !== 'requested')
      throw new ApiError('RESOURCE.CONFLICT', `A ${visit.status} visit cannot be called off.`);
    const { committed, row } = await cancelVisit(c, visit, found.caseStatus, version, body);
    if (!committed) throw staleVersion();
    c.header('ETag', etagOf(row.version));
    return c.json(visitBody(row, null, false), 200);
  });
}
