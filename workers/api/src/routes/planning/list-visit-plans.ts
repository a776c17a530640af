import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { decodeCursor, paginate } from '../../http/cursor';
import { partnerRoute } from '../v1/partner-route';
import { isoOf, isoOrNull, LocalDateSchema, PageQuerySchema, pageOf, problems } from '../v1/schemas';
import { ON_THE_DAY_SQL } from './plan-schema';

const PLAN_STATUSES = ['solving', 'draft', 'published', 'failed'] as const;

const PlanSummarySchema = z
  .object({
    id: z.string(),
    date: z.string(),
    regionId: z.string().nullable(),
    status: z.enum(PLAN_STATUSES),
    routes: z.number().int().openapi({ description: 'Teams with at least one stop.' }),
    stops: z.number().int(),
    unplanned: z.number().int(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .openapi('VisitPlanSummary');

const QuerySchema = PageQuerySchema.extend({
  date: LocalDateSchema.optional().openapi({ description: 'Only plans of this local day.' }),
  regionId: z.string().max(64).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
});

/** Newest day first, then newest plan of the day first. */
const CursorSchema = z.tuple([z.string(), z.number(), z.string()]);

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/visit-plans',
  operationId: 'listVisitPlans',
  tags: ['Visit plans'],
  summary: 'List visit plans by day and region',
  description:
    'Newest day first, the latest plan of a day first, with the size of each; read one for its routes.',
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'A page of plans',
      content: { 'application/json': { schema: pageOf(PlanSummarySchema, 'VisitPlanPage') } },
    },
    ...problems(),
  },
});

interface PlanSummaryRow {
  id: string;
  date: string;
  region_id: string | null;
  status: (typeof PLAN_STATUSES)[number];
  unplanned: number;
  created_at: number;
  published_at: number | null;
  routes: number;
  stops: number;
}

export function registerListVisitPlans(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { limit, cursor, date, regionId, status } = c.req.valid('query');
    const after = await decodeCursor(c, cursor, CursorSchema);
    const { results } = await c.var.services.d1
      .prepare(
        `SELECT plan.id, plan.date, plan.region_id, plan.status, json_array_length(plan.unassigned) AS unplanned,
           plan.created_at, plan.published_at,
           (SELECT COUNT(DISTINCT visit.lead_agent_id) FROM visits visit
             WHERE visit.tenant_id = plan.tenant_id AND visit.plan_id = plan.id AND ${ON_THE_DAY_SQL}) AS routes,
           (SELECT COUNT(*) FROM visits visit
             WHERE visit.tenant_id = plan.tenant_id AND visit.plan_id = plan.id AND ${ON_THE_DAY_SQL}) AS stops
         FROM visit_plans plan
         WHERE plan.tenant_id = ?1 AND (?2 IS NULL OR plan.date = ?2) AND (?3 IS NULL OR plan.region_id = ?3)
           AND (?4 IS NULL OR plan.status = ?4)
           AND (?5 IS NULL OR (plan.date, plan.created_at, plan.id) < (?5, ?6, ?7))
         ORDER BY plan.date DESC, plan.created_at DESC, plan.id DESC LIMIT ?8`,
      )
      .bind(
        c.var.auth.tenantId,
        date ?? null,
        regionId ?? null,
        status ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        after?.[2] ?? null,
        limit + 1,
      )
      .all<PlanSummaryRow>();
    const page = await paginate(c, results, limit, (row) => [row.date, row.created_at, row.id]);
    return c.json(
      {
        items: page.items.map((row) => ({
          id: row.id,
          date: row.date,
          regionId: row.region_id,
          status: row.status,
          routes: row.routes,
          stops: row.stops,
          unplanned: row.unplanned,
          createdAt: isoOf(row.created_at),
          publishedAt: isoOrNull(row.published_at),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
}
