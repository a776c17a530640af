import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findCase } from '../../repositories/cases';
import { latestScreenings } from '../../repositories/screening-decisions';
import { CaseSchema, caseBody } from './case-schema';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'getCase',
  method: 'get',
  path: '/v1/cases/{caseId}',
  tags: ['Cases'],
  summary: 'Get a case',
  description: 'An agency key sees its own cases; an agent key the cases of visits assigned to it.',
  request: { params: idParam('caseId', 'case') },
  responses: {
    200: { description: 'The case', content: { 'application/json': { schema: CaseSchema } } },
    ...problems(404),
  },
});

export function registerGetCase(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const row = await findCase(c.var.services.db, c.var.auth, c.req.valid('param').caseId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    const screening = await latestScreenings(c.var.services.d1, c.var.auth.tenantId, [row.id]);
    return c.json(caseBody(row, screening.get(row.id) ?? null), 200);
  });
}
