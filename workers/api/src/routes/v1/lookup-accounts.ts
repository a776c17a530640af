import type { createRouter } from '../../http/app';
import { findAccountsByRef } from '../../repositories/accounts';
import { AccountSchema, accountBody } from './account-schema';
import { route as listCustomers } from './list-customers';
import { answerLookup, LookupBodySchema, lookupAnswerOf, MAX_LOOKUP_REFS } from './lookup';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

export const route = partnerRoute(listCustomers['x-doorstep-roles'], {
  method: 'post',
  path: '/v1/accounts/lookup',
  operationId: 'lookupAccounts',
  read: true,
  tags: ['Customers'],
  summary: 'Look up accounts by core-banking numbers',
  description: `Up to ${MAX_LOOKUP_REFS} account numbers per call, answered in the order asked with the numbers not found. A read: it needs no \`Idempotency-Key\` and stores nothing. An agency key sees the accounts of its cases.`,
  request: { body: { content: { 'application/json': { schema: LookupBodySchema } }, required: true } },
  responses: {
    200: {
      description: 'The accounts found and the numbers not found',
      content: { 'application/json': { schema: lookupAnswerOf(AccountSchema, 'AccountLookup') } },
    },
    ...problems(),
  },
});

export function registerLookupAccounts(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { refs } = c.req.valid('json');
    const views = await findAccountsByRef(c.var.services.db, c.var.auth, refs);
    return c.json(
      answerLookup(refs, views, (view) => view.account.externalRef, accountBody),
      200,
    );
  });
}
