import type { ExperimentDefinition } from '@doorstep/evaluation';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { armCounts } from '../../reports/experiments';
import { partnerRoute } from '../v1/partner-route';
import { PageQuerySchema, pageOf, problems } from '../v1/schemas';
import { ExperimentSchema, experimentBody } from './experiments';

/** Newest first. */
const CursorSchema = z.tuple([z.number(), z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/experiments',
  operationId: 'listExperiments',
  tags: ['Experiments'],
  summary: 'List experiments, newest first, with how many cases each arm holds',
  request: { query: PageQuerySchema },
  responses: {
    200: {
      description: 'A page of experiments',
      content: { 'application/json': { schema: pageOf(ExperimentSchema, 'ExperimentPage') } },
    },
    ...problems(),
  },
});

interface ExperimentRow {
  id: string;
  name: string;
  status: 'running' | 'stopped';
  definition: string;
  created_at: number;
}

export function registerListExperiments(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const after = await decodeCursor(c, cursor, CursorSchema);
    const { tenantId } = c.var.auth;
    const d1 = c.var.services.d1;
    const { results } = await d1
      .prepare(
        `SELECT id, name, status, definition, created_at FROM experiments
         WHERE tenant_id = ?1 AND (?2 IS NULL OR (created_at, id) < (?2, ?3))
         ORDER BY created_at DESC, id DESC LIMIT ?4`,
      )
      .bind(tenantId, after?.[0] ?? null, after?.[1] ?? null, limit + 1)
      .all<ExperimentRow>();
    const page = await paginate(c, results, limit, (row) => [row.created_at, row.id]);
    const items = await Promise.all(
      page.items.map(async (row) =>
        experimentBody(
          {
            id: row.id,
            name: row.name,
            status: row.status,
            definition: JSON.parse(row.definition) as ExperimentDefinition,
            createdAt: row.created_at,
          },
          await armCounts(d1, tenantId, row.id),
        ),
      ),
    );
    return c.json({ items, nextCursor: page.nextCursor }, 200);
  });
}
