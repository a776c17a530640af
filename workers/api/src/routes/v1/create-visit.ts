import type { z } from '@hono/zod-openapi';
import { WRITERS } from '../../auth/roles';
import { assertVisitAllowed } from '../../compliance/enforce';
import { complianceOverrides } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { assertWindowScheduled } from '../../http/field-checks';
import { etagOf } from '../../middleware/etag';
import { holdingExperiments } from '../../reports/experiments';
import { findActiveAgents } from '../../repositories/agents';
import { audited, auditStatement } from '../../repositories/audit';
import { caseTransitionStatement } from '../../repositories/case-status';
import { tenantScheduling } from '../../repositories/tenant-scheduling';
import { caseExists, insertVisit } from '../../repositories/visits';
import { assertStaffable } from '../../visits/lifecycle';
import { businessEvent, instantOf } from '../../webhooks/business-events';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';
import { VisitCreateSchema, VisitSchema, visitBody } from './visit-schema';

const createVisitExample = {
  caseId: 'case_demo00042',
  purpose: 'understand_situation',
  agentIds: ['agt_demo00001', 'agt_demo00002'],
  window: { start: '2026-12-02T01:00:00Z', end: '2026-12-02T03:00:00Z' },
} satisfies z.input<typeof VisitCreateSchema>;

export const route = partnerRoute(WRITERS, {
  operationId: 'createVisit',
  method: 'post',
  path: '/v1/visits',
  tags: ['Visits'],
  summary: 'Schedule a visit by hand',
  description:
    'Assigns agents and a time window to a case outside a solved visit plan (e.g. a supervisor’s urgent visit). The first agent leads. The window lies in the tenant’s scheduling window (by default from a day ago to 180 days ahead; 422 at `/window/start` or `/window/end` otherwise). `overrides` lifts overridable compliance vetoes (e.g. `cooldown`) for the new visit, each with a reason, recorded and audited with it; an override of a rule that does not forbid the visit is 422 at its path.',
  request: {
    body: {
      content: { 'application/json': { schema: VisitCreateSchema, example: createVisitExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: VisitSchema } } },
    ...problems(400, 404, 409),
  },
});

export function registerCreateVisit(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    // Independent reads, side by side; their verdicts are still given in this order.
    const [kase, activeAgents, holding, scheduling] = await Promise.all([
      caseExists(db, tenantId, body.caseId),
      findActiveAgents(db, tenantId, body.agentIds),
      holdingExperiments(c.var.services.d1, tenantId, { caseId: body.caseId }),
      tenantScheduling(c.var.services.d1, tenantId),
    ]);
    if (!kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    assertWindowScheduled(
      ports.now(),
      scheduling.window,
      body.window,
      'The visit window lies outside what this tenant schedules; see `errors`.',
    );
    if (kase.endedAt !== null)
      throw new ApiError('RESOURCE.CONFLICT', `The case is ${kase.status}: it is no longer visited.`);
    assertStaffable(body.agentIds, activeAgents);
    if (holding.length > 0)
      throw new ApiError(
        'VISIT.HELD_OUT',
        'The case is in the holdout of a running experiment: it is not visited.',
        {
          extra: { experimentIds: holding },
        },
      );
    const { lifted } = await assertVisitAllowed(c, {
      caseId: body.caseId,
      staff: body.agentIds,
      interval: body.window,
      lifting: body.overrides.map((override) => override.rule),
    });
    const unneeded = body.overrides.flatMap((override, i) =>
      lifted.some((veto) => veto.rule === override.rule)
        ? []
        : [
            {
              path: `/overrides/${i}/rule`,
              in: 'body' as const,
              message: 'No veto of this rule to override',
            },
          ],
    );
    if (unneeded.length > 0)
      throw new ApiError('REQUEST.INVALID', 'An override names a rule that does not forbid this visit.', {
        errors: unneeded,
      });
    const now = ports.now();
    // A screened case becomes `planned`. One already planned keeps its status, and one in follow-up stays
    // there through a revisit: its accepted plan's checks act on `in_follow_up`.
    const moved =
      kase.status === 'screened'
        ? caseTransitionStatement(c.var.services.d1, tenantId, kase, 'visit_planned', now)
        : null;
    const row = {
      id: ports.newId('vis'),
      tenantId,
      caseId: body.caseId,
      planId: null,
      purpose: body.purpose,
      dossier: {},
      agentIds: body.agentIds,
      leadAgentId: body.agentIds[0] ?? null,
      windowStart: Date.parse(body.window.start),
      windowEnd: Date.parse(body.window.end),
      routeOrder: null,
      status: 'planned' as const,
      checkedInAt: null,
      checkInLat: null,
      checkInLon: null,
      checkInReceivedAt: null,
      checkInDistanceM: null,
      checkInFlags: [],
      preparedAt: null,
      cancelReason: null,
      cancelNote: null,
      customerNotified: null,
      cancelledAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const overrides = body.overrides.map((override) => ({
      row: {
        id: ports.newId('ovr'),
        tenantId,
        visitId: row.id,
        rule: override.rule,
        supervisorKeyId: c.var.auth.keyId,
        reason: override.reason,
        createdAt: now,
      },
      veto: lifted.find((veto) => veto.rule === override.rule),
    }));
    await audited(
      c,
      { action: 'visit.created', subjectType: 'visit', subjectId: row.id, data: { caseId: body.caseId } },
      [
        insertVisit(db, row),
        ...(moved ? [moved] : []),
        ...overrides.flatMap(({ row: override, veto }) => [
          db.insert(complianceOverrides).values(override),
          auditStatement(c, {
            action: 'compliance.override-recorded',
            subjectType: 'visit',
            subjectId: row.id,
            reason: override.reason,
            data: {
              overrideId: override.id,
              rule: override.rule,
              veto: { code: veto?.code, data: veto?.data },
            },
          }),
        ]),
      ],
      undefined,
      [
        businessEvent('visit.scheduled', body.caseId, row.id, {
          visitId: row.id,
          planId: null,
          purpose: row.purpose,
          window: { start: instantOf(row.windowStart), end: instantOf(row.windowEnd) },
          agentIds: row.agentIds,
        }),
      ],
    );
    c.header('Location', `/v1/visits/${row.id}`);
    c.header('ETag', etagOf(row.version));
    return c.json(visitBody(row, null, false), 201);
  });
}
