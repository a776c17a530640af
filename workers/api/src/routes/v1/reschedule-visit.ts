import { assertVisitAllowed } from '../../compliance/enforce';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { assertWindowScheduled } from '../../http/field-checks';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { tenantScheduling } from '../../repositories/tenant-scheduling';
import { findVisit } from '../../repositories/visits';
import { visitRescheduled } from '../../visits/events';
import { changeVisit, snapshotOf } from '../../visits/lifecycle';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';
import { RescheduleVisitSchema } from './visit-lifecycle-schema';
import { VisitSchema, visitBody } from './visit-schema';

export const route = partnerRoute(['admin', 'supervisor'], {
  method: 'post',
  path: '/v1/visits/{visitId}/reschedule',
  operationId: 'rescheduleVisit',
  ifMatch: true,
  tags: ['Visits'],
  summary: 'Move a planned visit to another time',
  description:
    'The new window lies in the tenant’s scheduling window (422 at `/window/start` or `/window/end` otherwise) and is judged by the tenant’s compliance again, for the visit’s team, with the overrides recorded for it (a UK notice on record must announce the new time); a refusal is 422 with the vetoes. Audited and announced as `visit.rescheduled`. Needs `If-Match`; moving it again to the same window answers the visit as it is.',
  request: {
    params: idParam('visitId', 'vis'),
    body: { content: { 'application/json': { schema: RescheduleVisitSchema } }, required: true },
  },
  responses: {
    200: { description: 'Moved', content: { 'application/json': { schema: VisitSchema } } },
    ...problems(400, 404, 409, 412, 422, 428),
  },
});

export function registerRescheduleVisit(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const [found, scheduling] = await Promise.all([
      findVisit(db, c.var.auth, visitId),
      tenantScheduling(d1, c.var.auth.tenantId),
    ]);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    assertWindowScheduled(
      ports.now(),
      scheduling.window,
      body.window,
      'The new window lies outside what this tenant schedules; see `errors`.',
    );
    const { visit } = found;
    const to = { start: Date.parse(body.window.start), end: Date.parse(body.window.end) };
    if (visit.status === 'planned' && visit.windowStart === to.start && visit.windowEnd === to.end) {
      c.header('ETag', etagOf(visit.version));
      return c.json(visitBody(visit, null, false), 200);
    }
    const version = ifMatchVersion(c);
    if (visit.version !== version) throw staleVersion();
    if (visit.status !== 'planned')
      throw new ApiError('RESOURCE.CONFLICT', `A ${visit.status} visit cannot be moved; only a planned one.`);
    await assertVisitAllowed(c, {
      visitId,
      caseId: visit.caseId,
      staff: visit.agentIds as string[],
      interval: body.window,
    });
    const now = ports.now();
    const set = { windowStart: to.start, windowEnd: to.end, updatedAt: now };
    const committed = await changeVisit(c, {
      visit,
      version,
      set,
      audit: {
        action: 'visit.rescheduled',
        subjectType: 'visit',
        subjectId: visitId,
        reason: body.note,
        data: { from: { start: visit.windowStart, end: visit.windowEnd }, to: body.window },
      },
      events: [visitRescheduled(snapshotOf(visit), to, body.note ?? 'Moved by a supervisor')],
    });
    if (!committed) throw staleVersion();
    const row = { ...visit, ...set, version: version + 1 };
    c.header('ETag', etagOf(row.version));
    return c.json(visitBody(row, null, false), 200);
  });
}
