import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { listAudit } from '../../repositories/audit';
import { partnerRoute } from './partner-route';
import { isoOf, PageQuerySchema, pageOf, problems } from './schemas';

const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ keyId: z.string().nullable(), role: z.string() }),
    action: z.string().openapi({ example: 'visit.outcome-recorded' }),
    subject: z.object({ type: z.string(), id: z.string().nullable() }),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

const QuerySchema = PageQuerySchema.extend({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(64).optional(),
  action: z
    .string()
    .max(400)
    .regex(/^[a-z0-9.-]+(,[a-z0-9.-]+){0,9}$/, 'Up to 10 actions, comma-separated')
    .optional()
    .openapi({
      description:
        'Only these actions, comma-separated, e.g. `compliance.vetoed,compliance.override-recorded`.',
      example: 'compliance.vetoed,compliance.override-recorded',
    }),
});

const CursorSchema = z.tuple([z.number(), z.string()]);

export const route = partnerRoute(['admin', 'supervisor'], {
  operationId: 'listAudit',
  method: 'get',
  path: '/v1/audit',
  tags: ['Audit'],
  summary: 'Read the audit trail',
  description: 'Every write of the API, newest first: who (key and role), when, what and why. Append-only.',
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'A page of audit entries',
      content: { 'application/json': { schema: pageOf(AuditEntrySchema, 'AuditPage') } },
    },
    ...problems(),
  },
});

export function registerListAudit(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor, action, ...filter } = c.req.valid('query');
    const after = await decodeCursor(c, cursor, CursorSchema);
    const rows = await listAudit(c, {
      ...filter,
      ...(action === undefined ? {} : { actions: action.split(',') }),
      limit,
      after: after ? { at: after[0], id: after[1] } : null,
    });
    const page = await paginate(c, rows, limit, (row) => [row.at, row.id]);
    return c.json(
      {
        items: page.items.map((row) => ({
          id: row.id,
          at: isoOf(row.at),
          actor: { keyId: row.actorKeyId, role: row.actorRole },
          action: row.action,
          subject: { type: row.subjectType, id: row.subjectId },
          reason: row.reason,
          data: row.data as Record<string, unknown>,
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
