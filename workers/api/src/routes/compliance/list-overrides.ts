import { z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { masksPersonalData } from '../../auth/roles';
import { complianceOverrides } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findVisit } from '../../repositories/visits';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { OverrideSchema, overrideBody } from './override-schema';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'listComplianceOverrides',
  method: 'get',
  path: '/v1/visits/{visitId}/overrides',
  tags: ['Compliance'],
  summary: 'The compliance overrides of a visit',
  description: 'Oldest first. A visit has at most one override per rule, so the list is never long.',
  request: { params: idParam('visitId', 'vis') },
  responses: {
    200: {
      description: 'The overrides',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(OverrideSchema) }).openapi('ComplianceOverrideList'),
        },
      },
    },
    ...problems(404),
  },
});

export function registerListOverrides(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const { db } = c.var.services;
    const [found, rows] = await Promise.all([
      findVisit(db, c.var.auth, visitId),
      db
        .select()
        .from(complianceOverrides)
        .where(
          and(
            eq(complianceOverrides.tenantId, c.var.auth.tenantId),
            eq(complianceOverrides.visitId, visitId),
          ),
        )
        .orderBy(asc(complianceOverrides.createdAt), asc(complianceOverrides.id))
        .all(),
    ]);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const masked = masksPersonalData(c.var.auth);
    return c.json({ items: rows.map((row) => overrideBody(row, masked)) }, 200);
  });
}
