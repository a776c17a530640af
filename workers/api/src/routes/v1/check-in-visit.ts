import { type CaseStatus, isCaseActive } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { assertCheckInAllowed } from '../../compliance/enforce';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { holdingExperiments } from '../../reports/experiments';
import { audited, versionHolds } from '../../repositories/audit';
import { bumpVisit, findVisit } from '../../repositories/visits';
import { businessEvent, instantOf } from '../../webhooks/business-events';
import { partnerRoute } from './partner-route';
import { IsoInstantSchema, idParam, problems } from './schemas';
import { VisitSchema, visitBody } from './visit-schema';

const CheckInSchema = z
  .object({
    at: IsoInstantSchema.openapi({
      description:
        'The device’s clock at arrival. Refused when more than the tenant’s `checkIn.maxClockSkewMinutes` (5) from the server’s clock, or outside the visit’s window widened by `checkIn.windowToleranceMinutes` (30).',
    }),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .openapi('VisitCheckIn');

const checkInVisitExample = { at: '2026-12-02T01:12:00Z', lat: 22.5431, lon: 114.0579 } satisfies z.input<
  typeof CheckInSchema
>;

export const route = partnerRoute(['admin', 'supervisor', 'agent'], {
  operationId: 'checkInVisit',
  ifMatch: true,
  method: 'post',
  path: '/v1/visits/{visitId}/check-in',
  tags: ['Visits'],
  summary: 'Check in at the door',
  description:
    'Records the arrival time and place, with the server’s own receipt time beside the device’s. Needs `If-Match` with the visit’s ETag. A device clock off the server’s, an arrival outside the visit’s window, or the position (0, 0) is refused (422 `VISIT.CHECK_IN_REFUSED`, each rule at its field); a position beyond the tenant’s radius (`checkIn.radiusMeters`, 500 m) from the customer’s geocoded address is accepted and flagged `location.far` with the distance, or refused where the tenant sets `checkIn.strictLocation`. Compliance (quiet hours, flags, overrides) is judged at the server’s time.',
  request: {
    params: idParam('visitId', 'vis'),
    body: {
      content: { 'application/json': { schema: CheckInSchema, example: checkInVisitExample } },
      required: true,
    },
  },
  responses: {
    200: { description: 'Checked in', content: { 'application/json': { schema: VisitSchema } } },
    ...problems(400, 404, 409, 412, 422, 428),
  },
});

export function registerCheckInVisit(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const version = ifMatchVersion(c);
    const { visitId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    // The holdout lookup is a read keyed by the visit, so it runs beside the visit's own read.
    const [found, holding] = await Promise.all([
      findVisit(db, c.var.auth, visitId),
      holdingExperiments(c.var.services.d1, tenantId, { visitId }),
    ]);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    if (found.visit.version !== version) throw staleVersion();
    if (found.visit.status !== 'planned')
      throw new ApiError('RESOURCE.CONFLICT', `A ${found.visit.status} visit cannot be checked in.`);
    // A solved plan is a draft until a supervisor publishes it: its routes may still change.
    if (found.planStatus !== null && found.planStatus !== 'published')
      throw new ApiError('RESOURCE.CONFLICT', `The visit's plan is ${found.planStatus}, not yet published.`);
    if (!isCaseActive(found.caseStatus as CaseStatus))
      throw new ApiError('RESOURCE.CONFLICT', `The case is ${found.caseStatus}: it is no longer visited.`);
    const now = ports.now();
    if (holding.length > 0)
      throw new ApiError(
        'VISIT.HELD_OUT',
        'The case is in the holdout of a running experiment: it is not visited.',
        {
          extra: { experimentIds: holding },
        },
      );
    const judged = await assertCheckInAllowed(c, found.visit, body);
    const change = {
      status: 'checked_in' as const,
      checkedInAt: Date.parse(body.at),
      checkInLat: body.lat,
      checkInLon: body.lon,
      checkInReceivedAt: judged.receivedAt,
      checkInDistanceM: judged.distanceMeters,
      checkInFlags: judged.flags,
      updatedAt: now,
    };
    const { committed } = await audited(
      c,
      {
        action: 'visit.checked-in',
        subjectType: 'visit',
        subjectId: visitId,
        data: {
          at: body.at,
          receivedAt: new Date(judged.receivedAt).toISOString(),
          distanceMeters: judged.distanceMeters,
          flags: judged.flags.map((flag) => flag.code),
          overriddenRules: judged.overridden.map((veto) => veto.rule),
        },
      },
      [bumpVisit(db, tenantId, visitId, version, change)],
      { holds: versionHolds('visits', tenantId, visitId, version) },
      [
        businessEvent('visit.checked_in', found.visit.caseId, visitId, {
          visitId,
          at: instantOf(change.checkedInAt),
          receivedAt: instantOf(judged.receivedAt),
          distanceMeters: judged.distanceMeters,
          flags: judged.flags.map((flag) => flag.code),
        }),
      ],
    );
    if (!committed) throw staleVersion();
    const updated = { ...found.visit, ...change, version: version + 1 };
    c.header('ETag', etagOf(updated.version));
    return c.json(visitBody(updated, null, false), 200);
  });
}
