import { CASE_STATUSES } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { caseKeyOf, listCases } from '../../repositories/cases';
import { latestScreenings } from '../../repositories/screening-decisions';
import { CaseSchema, caseBody } from './case-schema';
import { RefSchema } from './lookup';
import { partnerRoute } from './partner-route';
import { PageQuerySchema, pageOf, problems } from './schemas';

const QuerySchema = PageQuerySchema.extend({
  status: z.enum(CASE_STATUSES).optional(),
  bucket: z.string().max(8).optional().openapi({ example: 'M2' }),
  regionId: z.string().max(64).optional(),
  agencyId: z.string().max(64).optional(),
  agentId: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: 'Cases with a visit this agent goes on (leading or not).' }),
  eligible: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  heldOut: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({
      description:
        'Whether a running experiment holds the case out: its control group, never visited (`POST /v1/visits` answers 422 `VISIT.HELD_OUT`). A field app’s work list asks `eligible=true&heldOut=false`.',
    }),
  customerId: z.string().max(64).optional(),
  accountId: z.string().max(64).optional(),
  customerRef: RefSchema.optional().openapi({ description: 'The core-banking customer number.' }),
  accountRef: RefSchema.optional().openapi({ description: 'The core-banking account number.' }),
});

const CursorSchema = z.tuple([z.number().nullable(), z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency'], {
  operationId: 'listCases',
  method: 'get',
  path: '/v1/cases',
  tags: ['Cases'],
  summary: 'List cases by priority',
  description:
    'Highest priority first, then id; unscreened cases last. Each case carries its latest screening decision with the reasons. Filters combine; `customerRef` and `accountRef` are core banking’s own numbers, so a core system finds a customer’s cases without knowing Doorstep’s ids. An agency key sees only its own cases. Pages are keyset cursors, stable while cases are added.',
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'A page of cases',
      content: { 'application/json': { schema: pageOf(CaseSchema, 'CasePage') } },
    },
    ...problems(),
  },
});

export function registerListCases(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor, ...filter } = c.req.valid('query');
    const rows = await listCases(c.var.services.db, c.var.auth, filter, {
      limit,
      after: await decodeCursor(c, cursor, CursorSchema),
    });
    const page = await paginate(c, rows, limit, caseKeyOf);
    const screenings = await latestScreenings(
      c.var.services.d1,
      c.var.auth.tenantId,
      page.items.map((row) => row.id),
    );
    return c.json(
      {
        items: page.items.map((row) => caseBody(row, screenings.get(row.id) ?? null)),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
