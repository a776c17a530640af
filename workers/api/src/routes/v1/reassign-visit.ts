import { assertVisitAllowed } from '../../compliance/enforce';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { findActiveAgents } from '../../repositories/agents';
import { findVisit } from '../../repositories/visits';
import { visitReassigned } from '../../visits/events';
import { assertStaffable, changeVisit, snapshotOf } from '../../visits/lifecycle';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';
import { ReassignVisitSchema } from './visit-lifecycle-schema';
import { VisitSchema, visitBody } from './visit-schema';

export const route = partnerRoute(['admin', 'supervisor'], {
  method: 'post',
  path: '/v1/visits/{visitId}/reassign',
  operationId: 'reassignVisit',
  ifMatch: true,
  tags: ['Visits'],
  summary: 'Give a planned visit to other agents',
  description:
    'The new team (active agents of the tenant, the first leads) is judged by the tenant’s compliance again for the visit’s window (e.g. the CN pack’s two staff); a refusal is 422 with the vetoes. Audited and announced as `visit.reassigned`. Needs `If-Match`; naming the same team again answers the visit as it is.',
  request: {
    params: idParam('visitId', 'vis'),
    body: { content: { 'application/json': { schema: ReassignVisitSchema } }, required: true },
  },
  responses: {
    200: { description: 'Reassigned', content: { 'application/json': { schema: VisitSchema } } },
    ...problems(400, 404, 409, 412, 422, 428),
  },
});

export function registerReassignVisit(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, ports } = c.var.services;
    const [found, active] = await Promise.all([
      findVisit(db, c.var.auth, visitId),
      findActiveAgents(db, c.var.auth.tenantId, body.agentIds),
    ]);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const { visit } = found;
    const team = visit.agentIds as string[];
    if (visit.status === 'planned' && team.join() === body.agentIds.join()) {
      c.header('ETag', etagOf(visit.version));
      return c.json(visitBody(visit, null, false), 200);
    }
    const version = ifMatchVersion(c);
    if (visit.version !== version) throw staleVersion();
    if (visit.status !== 'planned' || visit.windowStart === null || visit.windowEnd === null)
      throw new ApiError(
        'RESOURCE.CONFLICT',
        `A ${visit.status} visit cannot be given to others; only a planned one.`,
      );
    assertStaffable(body.agentIds, active);
    await assertVisitAllowed(c, {
      visitId,
      caseId: visit.caseId,
      staff: body.agentIds,
      interval: {
        start: new Date(visit.windowStart).toISOString(),
        end: new Date(visit.windowEnd).toISOString(),
      },
    });
    const set = { agentIds: body.agentIds, leadAgentId: body.agentIds[0]!, updatedAt: ports.now() };
    const committed = await changeVisit(c, {
      visit,
      version,
      set,
      audit: {
        action: 'visit.reassigned',
        subjectType: 'visit',
        subjectId: visitId,
        reason: body.note,
        data: { from: team, to: body.agentIds },
      },
      events: [
        visitReassigned(
          snapshotOf(visit),
          body.agentIds,
          body.note ?? 'Given to other agents by a supervisor',
        ),
      ],
    });
    if (!committed) throw staleVersion();
    const row = { ...visit, ...set, version: version + 1 };
    c.header('ETag', etagOf(row.version));
    return c.json(visitBody(row, null, false), 200);
  });
}
