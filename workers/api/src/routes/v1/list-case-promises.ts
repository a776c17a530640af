import { z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { cases, promises } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findCase } from '../../repositories/cases';
import { caseScope } from '../../repositories/scope';
import { partnerRoute } from './partner-route';
import { PromiseSchema, promiseBody } from './promise-schema';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'listCasePromises',
  method: 'get',
  path: '/v1/cases/{caseId}/promises',
  tags: ['Follow-ups'],
  summary: 'A case’s promises to pay',
  description:
    'Oldest first, with what was paid against each once checked. An unknown or out-of-scope case is 404, as the case itself.',
  request: { params: idParam('caseId', 'case') },
  responses: {
    200: {
      description: 'Promises',
      content: {
        'application/json': { schema: z.object({ items: z.array(PromiseSchema) }).openapi('PromiseList') },
      },
    },
    ...problems(404),
  },
});

export function registerListCasePromises(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    // The case first, in the key's scope: a list of another tenant's or agency's case is 404 like the case.
    const [kase, rows] = await Promise.all([
      findCase(c.var.services.db, c.var.auth, caseId),
      c.var.services.db
        .select({ promise: promises })
        .from(promises)
        .innerJoin(cases, and(eq(cases.tenantId, promises.tenantId), eq(cases.id, promises.caseId)))
        .where(and(caseScope(c.var.auth), eq(promises.caseId, caseId)))
        .orderBy(asc(promises.createdAt), asc(promises.id))
        .all(),
    ]);
    if (!kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    return c.json(
      {
        items: rows.map(({ promise }) => promiseBody(promise)),
      },
      200,
    );
  });
}
