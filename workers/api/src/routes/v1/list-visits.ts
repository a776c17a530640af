import { z } from '@hono/zod-openapi';
import { masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { listVisits, visitKeyOf } from '../../repositories/visits';
import { partnerRoute } from './partner-route';
import { IsoInstantSchema, PageQuerySchema, pageOf, problems } from './schemas';
import { VisitSchema, visitBody } from './visit-schema';

const QuerySchema = PageQuerySchema.extend({
  agentId: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: 'Lead agent; an agent key always sees only its own.' }),
  status: z.enum(['requested', 'planned', 'checked_in', 'completed', 'cancelled']).optional(),
  from: IsoInstantSchema.optional().openapi({ description: 'Window starts at or after this instant.' }),
  to: IsoInstantSchema.optional().openapi({ description: 'Window starts before this instant.' }),
});

const CursorSchema = z.tuple([z.number().nullable(), z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'listVisits',
  method: 'get',
  path: '/v1/visits',
  tags: ['Visits'],
  summary: 'List visits by window start',
  description:
    'An agent key sees the visits it leads; an agency key the visits of its cases. Outcomes are not included.',
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'A page of visits',
      content: { 'application/json': { schema: pageOf(VisitSchema, 'VisitPage') } },
    },
    ...problems(),
  },
});

export function registerListVisits(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor, from, to, ...filter } = c.req.valid('query');
    const rows = await listVisits(
      c.var.services.db,
      c.var.auth,
      {
        ...filter,
        ...(from === undefined ? {} : { from: Date.parse(from) }),
        ...(to === undefined ? {} : { to: Date.parse(to) }),
      },
      { limit, after: await decodeCursor(c, cursor, CursorSchema) },
    );
    const page = await paginate(c, rows, limit, visitKeyOf);
    const masked = masksPersonalData(c.var.auth);
    return c.json(
      { items: page.items.map((row) => visitBody(row, null, masked)), nextCursor: page.nextCursor },
      200,
    );
  });
}
