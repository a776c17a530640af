import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findAccount } from '../../repositories/accounts';
import { AccountSchema, accountBody } from './account-schema';
import { route as getCustomer } from './get-customer';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

export const route = partnerRoute(getCustomer['x-doorstep-roles'], {
  method: 'get',
  path: '/v1/accounts/{accountId}',
  operationId: 'getAccount',
  tags: ['Customers'],
  summary: 'Get an account',
  description:
    'The loan or card as core banking last reported it, with its customer’s number and the case open on it. An agency key sees the accounts of its cases; an agent key those of visits assigned to it.',
  request: { params: idParam('accountId', 'acc') },
  responses: {
    200: { description: 'The account', content: { 'application/json': { schema: AccountSchema } } },
    ...problems(404),
  },
});

export function registerGetAccount(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const view = await findAccount(c.var.services.db, c.var.auth, c.req.valid('param').accountId);
    if (!view) throw new ApiError('RESOURCE.NOT_FOUND', 'No such account.');
    return c.json(accountBody(view), 200);
  });
}
