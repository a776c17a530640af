import { z } from '@hono/zod-openapi';
import { MASK, masksPersonalData } from '../../auth/roles';
import { educationTenant } from '../../education/lesson-store';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { ApiError } from '../../http/error-codes';
import { findCustomer } from '../../repositories/customers';
import {
  customerTimeline,
  TIMELINE_KINDS,
  type TimelineRow,
  timelineKeyOf,
} from '../../repositories/timeline';
import { partnerRoute } from './partner-route';
import { idParam, isoOf, PageQuerySchema, problems } from './schemas';

const CursorSchema = z.tuple([z.number().int(), z.enum(TIMELINE_KINDS), z.string().max(128)]);

const TimelineItemSchema = z
  .object({
    kind: z.enum(TIMELINE_KINDS),
    at: z.string().openapi({
      description:
        'When it happened: account first seen, case opened or ended, start of a snapshot’s as-of day (tenant zone), a visit’s outcome (else check-in, else window, else request), a contact, a promise made, a plan proposed, a lesson assigned.',
    }),
    id: z.string().openapi({
      description: 'The id of the account, case, visit … (`accountId:sequence` for a snapshot).',
    }),
    accountId: z.string().nullable(),
    caseId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).openapi({
      description: 'The facts of the item, by kind. Visit notes are `***` for analyst and agency keys.',
    }),
  })
  .openapi('TimelineItem');

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/customers/{customerId}/timeline',
  operationId: 'getCustomerTimeline',
  tags: ['Customers'],
  summary: 'Everything that happened to a customer, across accounts and years',
  description:
    'Accounts, cases opened and ended, delinquency snapshots, visits with their outcomes, remote contacts, promises, repayment plans and lessons, newest first, in keyset pages (`(at, kind, id)` order, stable while new items arrive). An agency or agent key sees the items of the customer’s cases it may see; analyst and agency keys get visit notes masked.',
  request: { params: idParam('customerId', 'cus'), query: PageQuerySchema },
  responses: {
    200: {
      description: 'A page of the timeline',
      content: {
        'application/json': {
          schema: z
            .object({
              customerId: z.string(),
              items: z.array(TimelineItemSchema),
              nextCursor: z.string().nullable(),
            })
            .openapi('CustomerTimeline'),
        },
      },
    },
    ...problems(404),
  },
});

function itemBody(row: TimelineRow, mask: boolean): z.infer<typeof TimelineItemSchema> {
  const data = { ...row.data };
  const outcome = data.outcome as Record<string, unknown> | null | undefined;
  if (mask && outcome?.notes) data.outcome = { ...outcome, notes: MASK };
  return {
    kind: row.kind,
    at: isoOf(row.at),
    id: row.id,
    accountId: row.accountId,
    caseId: row.caseId,
    data,
  };
}

export function registerGetCustomerTimeline(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { customerId } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    const { db, d1 } = c.var.services;
    const after = await decodeCursor(c, cursor, CursorSchema);
    const [customer, tenant] = await Promise.all([
      findCustomer(db, c.var.auth, customerId),
      educationTenant(d1, c.var.auth.tenantId),
    ]);
    if (!customer) throw new ApiError('RESOURCE.NOT_FOUND', 'No such customer.');
    const rows = await customerTimeline(d1, c.var.auth, {
      customerId,
      zone: tenant.timeZone,
      limit,
      cursor: after,
    });
    const page = await paginate(c, rows, limit, timelineKeyOf);
    const mask = masksPersonalData(c.var.auth);
    return c.json(
      { customerId, items: page.items.map((row) => itemBody(row, mask)), nextCursor: page.nextCursor },
      200,
    );
  });
}
