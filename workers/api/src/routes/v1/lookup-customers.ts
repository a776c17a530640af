import { masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { findCustomersByRef } from '../../repositories/customers';
import { CustomerSchema, customerBody } from './customer-schema';
import { route as listCustomers } from './list-customers';
import { answerLookup, LookupBodySchema, lookupAnswerOf, MAX_LOOKUP_REFS } from './lookup';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

export const route = partnerRoute(listCustomers['x-doorstep-roles'], {
  method: 'post',
  path: '/v1/customers/lookup',
  operationId: 'lookupCustomers',
  read: true,
  tags: ['Customers'],
  summary: 'Look up customers by core-banking numbers',
  description: `Up to ${MAX_LOOKUP_REFS} customer numbers per call, answered in the order asked with the numbers not found. A read: it needs no \`Idempotency-Key\` and stores nothing. Scoped and masked as \`GET /v1/customers\`.`,
  request: { body: { content: { 'application/json': { schema: LookupBodySchema } }, required: true } },
  responses: {
    200: {
      description: 'The customers found and the numbers not found',
      content: { 'application/json': { schema: lookupAnswerOf(CustomerSchema, 'CustomerLookup') } },
    },
    ...problems(),
  },
});

export function registerLookupCustomers(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { refs } = c.req.valid('json');
    const rows = await findCustomersByRef(c.var.services.db, c.var.auth, refs);
    const mask = masksPersonalData(c.var.auth);
    return c.json(
      answerLookup(
        refs,
        rows,
        (row) => row.externalRef,
        (row) => customerBody(row, mask),
      ),
      200,
    );
  });
}
