import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findAccountsByRef } from '../../repositories/accounts';
import { AccountSchema, accountBody } from './account-schema';
import { route as getAccount } from './get-account';
import { refParam } from './lookup';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

export const route = partnerRoute(getAccount['x-doorstep-roles'], {
  method: 'get',
  path: '/v1/account-refs/{accountRef}',
  operationId: 'getAccountByRef',
  tags: ['Customers'],
  summary: 'Get an account by core-banking number',
  description:
    'The account core banking knows as `accountRef` (the `accountRef` of its intake events). Scoped as `GET /v1/accounts/{accountId}`.',
  request: { params: refParam('accountRef') },
  responses: {
    200: { description: 'The account', content: { 'application/json': { schema: AccountSchema } } },
    ...problems(404),
  },
});

export function registerGetAccountByRef(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { accountRef } = c.req.valid('param');
    const [view] = await findAccountsByRef(c.var.services.db, c.var.auth, [accountRef]);
    if (!view) throw new ApiError('RESOURCE.NOT_FOUND', 'No account has this core-banking number.');
    return c.json(accountBody(view), 200);
  });
}
