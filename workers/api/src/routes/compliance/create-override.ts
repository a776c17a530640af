import type { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { WRITERS } from '../../auth/roles';
import { overridabilityOf } from '../../compliance/enforce';
import { complianceOverrides } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { findVisit } from '../../repositories/visits';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { OverrideInputSchema, OverrideSchema, overrideBody } from './override-schema';

const createComplianceOverrideExample = {
  rule: 'cooldown',
  reason: 'The customer asked us to come back this week to sign the plan.',
} satisfies z.input<typeof OverrideInputSchema>;

export const route = partnerRoute(WRITERS, {
  operationId: 'createComplianceOverride',
  method: 'post',
  path: '/v1/visits/{visitId}/overrides',
  tags: ['Compliance'],
  summary: 'Lift an overridable compliance veto for one visit',
  description:
    'A supervisor lifts one rule (e.g. `cooldown`) for one visit, with a written reason. The override and its audit row are written together; check-in then judges the visit without that rule. A rule of law (`deceased`, `contact-hours`, `two-staff`, …) cannot be lifted: 422 names it. A rule that does not forbid the visit: 422. The same rule twice: 409.',
  request: {
    params: idParam('visitId', 'vis'),
    body: {
      content: {
        'application/json': { schema: OverrideInputSchema, example: createComplianceOverrideExample },
      },
      required: true,
    },
  },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: OverrideSchema } } },
    ...problems(404, 409),
  },
});

export function registerCreateOverride(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const { rule, reason } = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const found = await findVisit(db, c.var.auth, visitId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const verdict = await overridabilityOf(c, found.visit, rule);
    if (verdict.kind === 'not-overridable') {
      // A refused override is evidence too: who tried to lift which rule of law, and why.
      await audited(
        c,
        {
          action: 'compliance.override-refused',
          subjectType: 'visit',
          subjectId: visitId,
          reason,
          data: { rule },
        },
        [],
      );
      throw new ApiError(
        'VISIT.COMPLIANCE_VETO',
        `Rule ${rule} cannot be overridden: ${verdict.veto.message}.`,
        {
          extra: { vetoes: [verdict.veto] },
        },
      );
    }
    if (verdict.kind === 'not-vetoing')
      throw new ApiError('REQUEST.INVALID', `Rule ${rule} does not forbid this visit.`, {
        errors: [{ path: '/rule', in: 'body', message: 'No veto of this rule to override' }],
      });
    const row = {
      id: ports.newId('ovr'),
      tenantId,
      visitId,
      rule,
      supervisorKeyId: keyId,
      reason,
      createdAt: ports.now(),
    };
    const { committed } = await audited(
      c,
      {
        action: 'compliance.override-recorded',
        subjectType: 'visit',
        subjectId: visitId,
        reason,
        data: { overrideId: row.id, rule, veto: { code: verdict.veto.code, data: verdict.veto.data } },
      },
      [db.insert(complianceOverrides).values(row)],
      // One override per visit and rule; the guard turns a second one into 409 instead of a UNIQUE error.
      {
        holds: sql`NOT EXISTS (SELECT 1 FROM compliance_overrides WHERE tenant_id = ${tenantId} AND visit_id = ${visitId} AND rule = ${rule})`,
      },
    );
    if (!committed)
      throw new ApiError('RESOURCE.CONFLICT', `Rule ${rule} is already overridden for this visit.`);
    c.header('Location', `/v1/visits/${visitId}/overrides`);
    return c.json(overrideBody(row, false), 201);
  });
}
