import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { listEvidence } from '../../repositories/evidence';
import { findVisit } from '../../repositories/visits';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { EVIDENCE_READERS, EvidenceSchema, evidenceBody } from './evidence-schema';

export const route = partnerRoute(EVIDENCE_READERS, {
  method: 'get',
  path: '/v1/visits/{visitId}/evidence',
  operationId: 'listVisitEvidence',
  tags: ['Evidence'],
  summary: 'A visit’s evidence',
  description: 'Oldest first: what was announced, stored or erased, with each file’s size and SHA-256.',
  request: { params: idParam('visitId', 'vis') },
  responses: {
    200: {
      description: 'Evidence',
      content: {
        'application/json': { schema: z.object({ items: z.array(EvidenceSchema) }).openapi('EvidenceList') },
      },
    },
    ...problems(404),
  },
});

export function registerListVisitEvidence(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const { db } = c.var.services;
    const found = await findVisit(db, c.var.auth, visitId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const rows = await listEvidence(db, c.var.auth.tenantId, visitId);
    return c.json({ items: rows.map(evidenceBody) }, 200);
  });
}
