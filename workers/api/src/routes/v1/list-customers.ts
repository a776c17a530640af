import { z } from '@hono/zod-openapi';
import { masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { listCustomers } from '../../repositories/customers';
import { CustomerSchema, customerBody } from './customer-schema';
import { partnerRoute } from './partner-route';
import { PageQuerySchema, pageOf, problems } from './schemas';

const CursorSchema = z.tuple([z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency'], {
  operationId: 'listCustomers',
  method: 'get',
  path: '/v1/customers',
  tags: ['Customers'],
  summary: 'List customers',
  description: 'In id order. An agency key sees the customers of its cases.',
  request: { query: PageQuerySchema },
  responses: {
    200: {
      description: 'A page of customers',
      content: { 'application/json': { schema: pageOf(CustomerSchema, 'CustomerPage') } },
    },
    ...problems(),
  },
});

export function registerListCustomers(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const after = (await decodeCursor(c, cursor, CursorSchema))?.[0] ?? null;
    const rows = await listCustomers(c.var.services.db, c.var.auth, { limit, after });
    const page = await paginate(c, rows, limit, (row) => [row.id]);
    const mask = masksPersonalData(c.var.auth);
    return c.json(
      { items: page.items.map((row) => customerBody(row, mask)), nextCursor: page.nextCursor },
      200,
    );
  });
}
