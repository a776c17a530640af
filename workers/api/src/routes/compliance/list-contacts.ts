import { z } from '@hono/zod-openapi';
import { and, desc, eq, sql } from 'drizzle-orm';
import { cases, contactAttempts } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findCase } from '../../repositories/cases';
import { caseScope } from '../../repositories/scope';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { ContactSchema, contactBody } from './contact-schema';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'listContactAttempts',
  method: 'get',
  path: '/v1/cases/{caseId}/contacts',
  tags: ['Compliance'],
  summary: 'A case’s remote contact attempts',
  description:
    'The attempts recorded on this case, newest first, at most `limit`. Compliance counts them, with visits and with the attempts on the customer’s other cases, when it judges a visit. An unknown or out-of-scope case is 404, as the case itself.',
  request: {
    params: idParam('caseId', 'case'),
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
  },
  responses: {
    200: {
      description: 'Contact attempts',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ContactSchema) }).openapi('ContactAttemptList'),
        },
      },
    },
    ...problems(404),
  },
});

export function registerListContacts(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    // The case first, in the key's scope: a list of another tenant's or agency's case is 404 like the case.
    const [kase, rows] = await Promise.all([
      findCase(c.var.services.db, c.var.auth, caseId),
      c.var.services.db
        .select({ contact: contactAttempts })
        .from(contactAttempts)
        .innerJoin(
          cases,
          and(eq(cases.tenantId, contactAttempts.tenantId), eq(cases.id, contactAttempts.caseId)),
        )
        .where(
          and(
            caseScope(c.var.auth),
            // Through the customer's index: attempts are kept per customer, as compliance reads them.
            sql`${contactAttempts.customerId} = (SELECT customer_id FROM cases WHERE tenant_id = ${c.var.auth.tenantId} AND id = ${caseId})`,
            eq(contactAttempts.caseId, caseId),
          ),
        )
        .orderBy(desc(contactAttempts.at), desc(contactAttempts.id))
        .limit(limit),
    ]);
    if (!kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    return c.json({ items: rows.map(({ contact }) => contactBody(contact)) }, 200);
  });
}
