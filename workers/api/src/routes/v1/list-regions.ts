import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { regions } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { partnerRoute } from './partner-route';
import { PageQuerySchema, pageOf, problems } from './schemas';

const RegionSchema = z
  .object({
    id: z.string().openapi({ example: 'reg_futian' }),
    name: z.string(),
    riskScore: z.number().openapi({ description: 'The region’s risk score as last set (0–1).' }),
    riskAsOf: z.string(),
    center: z
      .object({ lat: z.number(), lon: z.number() })
      .nullable()
      .openapi({ description: 'Where a map of the region centres; null when unknown.' }),
  })
  .openapi('Region');

const CursorSchema = z.tuple([z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  method: 'get',
  path: '/v1/regions',
  operationId: 'listRegions',
  tags: ['Agents'],
  summary: 'List the tenant’s regions',
  description: 'In id order: the regions cases, agents’ territories and visit plans refer to.',
  request: { query: PageQuerySchema },
  responses: {
    200: {
      description: 'A page of regions',
      content: { 'application/json': { schema: pageOf(RegionSchema, 'RegionPage') } },
    },
    ...problems(),
  },
});

export function registerListRegions(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const after = (await decodeCursor(c, cursor, CursorSchema))?.[0] ?? null;
    const rows = await c.var.services.db
      .select()
      .from(regions)
      .where(
        and(eq(regions.tenantId, c.var.auth.tenantId), after === null ? undefined : gt(regions.id, after)),
      )
      .orderBy(asc(regions.id))
      .limit(limit + 1);
    const page = await paginate(c, rows, limit, (row) => [row.id]);
    return c.json(
      {
        items: page.items.map((row) => ({
          id: row.id,
          name: row.name,
          riskScore: row.riskScore,
          riskAsOf: row.riskAsOf,
          center:
            row.centerLat === null || row.centerLon === null
              ? null
              : { lat: row.centerLat, lon: row.centerLon },
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
