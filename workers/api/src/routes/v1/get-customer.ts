import { masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findCustomer } from '../../repositories/customers';
import { CustomerSchema, customerBody } from './customer-schema';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'getCustomer',
  method: 'get',
  path: '/v1/customers/{customerId}',
  tags: ['Customers'],
  summary: 'Get a customer',
  description: 'An agency key sees the customers of its cases; an agent key those of visits assigned to it.',
  request: { params: idParam('customerId', 'cus') },
  responses: {
    200: { description: 'The customer', content: { 'application/json': { schema: CustomerSchema } } },
    ...problems(404),
  },
});

export function registerGetCustomer(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const row = await findCustomer(c.var.services.db, c.var.auth, c.req.valid('param').customerId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such customer.');
    return c.json(customerBody(row, masksPersonalData(c.var.auth)), 200);
  });
}
