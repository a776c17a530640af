import { z } from '@hono/zod-openapi';
import { assignmentKeyOf, listCustomerAssignments } from '../../education/assignments';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { ApiError } from '../../http/error-codes';
import { findCustomer } from '../../repositories/customers';
import { partnerRoute } from '../v1/partner-route';
import { idParam, PageQuerySchema, pageOf, problems } from '../v1/schemas';
import { assignmentBody, LessonAssignmentSchema } from './lesson-schema';

const CursorSchema = z.tuple([z.number().int(), z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/customers/{customerId}/lessons',
  operationId: 'listCustomerLessons',
  tags: ['Education'],
  summary: 'The lessons assigned to a customer, with progress',
  description:
    'Newest first, one per lesson: who assigned it (follow-up, after-cure contact or an agent), the version and language the customer is shown, the sections read and the quiz result.',
  request: { params: idParam('customerId', 'cus'), query: PageQuerySchema },
  responses: {
    200: {
      description: 'A page of assignments',
      content: { 'application/json': { schema: pageOf(LessonAssignmentSchema, 'LessonAssignmentPage') } },
    },
    ...problems(404),
  },
});

export function registerListCustomerLessons(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { customerId } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const { db } = c.var.services;
    const after = await decodeCursor(c, cursor, CursorSchema);
    const customer = await findCustomer(db, c.var.auth, customerId);
    if (!customer) throw new ApiError('RESOURCE.NOT_FOUND', 'No such customer.');
    const rows = await listCustomerAssignments(db, c.var.auth.tenantId, customerId, { limit, after });
    const page = await paginate(c, rows, limit, assignmentKeyOf);
    return c.json({ items: page.items.map(assignmentBody), nextCursor: page.nextCursor }, 200);
  });
}
