import { masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findCustomersByRef } from '../../repositories/customers';
import { CustomerSchema, customerBody } from './customer-schema';
import { route as getCustomer } from './get-customer';
import { refParam } from './lookup';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';

export const route = partnerRoute(getCustomer['x-doorstep-roles'], {
  method: 'get',
  path: '/v1/customer-refs/{customerRef}',
  operationId: 'getCustomerByRef',
  tags: ['Customers'],
  summary: 'Get a customer by core-banking number',
  description:
    'The customer core banking knows as `customerRef` (the `customerRef` of its intake events). Scoped and masked as `GET /v1/customers/{customerId}`.',
  request: { params: refParam('customerRef') },
  responses: {
    200: { description: 'The customer', content: { 'application/json': { schema: CustomerSchema } } },
    ...problems(404),
  },
});

export function registerGetCustomerByRef(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { customerRef } = c.req.valid('param');
    const [row] = await findCustomersByRef(c.var.services.db, c.var.auth, [customerRef]);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No customer has this core-banking number.');
    return c.json(customerBody(row, masksPersonalData(c.var.auth)), 200);
  });
}
