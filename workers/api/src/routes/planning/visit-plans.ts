import { scheduledDateSchema } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { MASK, masksPersonalData, WRITERS } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { assertFields } from '../../http/field-checks';
import { findPlan, type PlanRow } from '../../planning/visit-plans';
import { audited } from '../../repositories/audit';
import { tenantScheduling } from '../../repositories/tenant-scheduling';
import { partnerRoute } from '../v1/partner-route';
import { idParam, LocalDateSchema, problems } from '../v1/schemas';

const CreatePlanSchema = z
  .object({
    date: LocalDateSchema.openapi({
      description:
        'The local day to plan, in the tenant’s zone, inside its scheduling window (by default from yesterday to 180 days ahead).',
    }),
    regionId: z.string().max(64).nullable().default(null),
    agentIds: z.array(z.string().startsWith('agt_')).min(1).max(200),
    teamSize: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(2)
      .openapi({ description: 'Agents per visit team, paired in the order given; the first leads.' }),
    maxCases: z.number().int().min(1).max(2000).default(400),
  })
  .openapi('CreateVisitPlan');

const PointSchema = z.object({ lat: z.number(), lon: z.number() });

const StopSchema = z.object({
  visitId: z.string(),
  caseId: z.string(),
  order: z.number().int().nullable(),
  window: z.object({ start: z.string(), end: z.string() }).openapi({
    description:
      'The planned visit: `start` is the arrival the route was solved for, `end` when the team leaves.',
  }),
  agentIds: z.array(z.string()),
  status: z.enum(['requested', 'planned', 'checked_in', 'completed', 'cancelled']),
  customerName: z.string().openapi({ description: 'Masked as `***` for analyst and agency keys.' }),
  location: PointSchema.nullable().openapi({
    description:
      'The customer’s geocoded address; rounded to 0.01° (about 1 km) for analyst and agency keys, null when not geocoded.',
  }),
});

const PlanSchema = z
  .object({
    id: z.string(),
    date: z.string(),
    regionId: z.string().nullable(),
    status: z.enum(['solving', 'draft', 'published', 'failed']),
    routes: z.array(
      z.object({
        leadAgentId: z.string(),
        start: PointSchema.nullable().openapi({
          description: 'Where the route starts: the lead agent’s home base (null when unknown).',
        }),
        stops: z.array(StopSchema),
      }),
    ),
    unplanned: z.array(
      z.object({
        caseId: z.string(),
        reasons: z.array(
          z.object({ code: z.string(), message: z.string(), data: z.record(z.string(), z.unknown()) }),
        ),
      }),
    ),
  })
  .openapi('VisitPlan');

const createRoute = partnerRoute(WRITERS, {
  method: 'post',
  path: '/v1/visit-plans',
  tags: ['Visit plans'],
  summary: 'Plan a day of visits for a region and a set of agents',
  description:
    'Solved on the queue by the tenant’s planning policy (by default the VRPTW `route-optimised` plugin) over the highest-priority screened cases that no running experiment holds out, inside the compliance pack’s allowed windows. Poll the returned resource until `status` is `draft`.',
  request: { body: { content: { 'application/json': { schema: CreatePlanSchema } }, required: true } },
  responses: {
    202: { description: 'Solving', content: { 'application/json': { schema: PlanSchema } } },
    ...problems(),
  },
});

const getRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/visit-plans/{planId}',
  tags: ['Visit plans'],
  summary: 'A visit plan: per-agent routes with times, and why the other cases wait',
  request: { params: idParam('planId', 'vpl') },
  responses: {
    200: { description: 'The plan', content: { 'application/json': { schema: PlanSchema } } },
    ...problems(404),
  },
});

const publishRoute = partnerRoute(WRITERS, {
  method: 'post',
  path: '/v1/visit-plans/{planId}/publish',
  tags: ['Visit plans'],
  summary: 'Publish a draft plan to the agents',
  request: { params: idParam('planId', 'vpl') },
  responses: {
    200: { description: 'Published', content: { 'application/json': { schema: PlanSchema } } },
    ...problems(404, 409),
  },
});

/** The publish guard: the batch (and its audit row) only commits while the plan is still a draft. */
const sqlPlanIsDraft = (tenantId: string, planId: string) =>
  sql`EXISTS (SELECT 1 FROM visit_plans WHERE tenant_id = ${tenantId} AND id = ${planId} AND status = 'draft')`;

interface VisitRow {
  id: string;
  case_id: string;
  lead_agent_id: string | null;
  agent_ids: string;
  route_order: number | null;
  window_start: number | null;
  window_end: number | null;
  status: z.infer<typeof StopSchema>['status'];
  customer_name: string | null;
  lat: number | null;
  lon: number | null;
  start_lat: number | null;
  start_lon: number | null;
}

type Point = z.infer<typeof PointSchema>;

/** A point, or its 0.01° cell for a key that sees the numbers rather than the people. */
const pointOf = (lat: number | null, lon: number | null, masked: boolean): Point | null => {
  if (lat === null || lon === null) return null;
  const round = (value: number) => (masked ? Math.round(value * 100) / 100 : value);
  return { lat: round(lat), lon: round(lon) };
};

async function planBody(d1: D1Database, plan: PlanRow | null, masked: boolean) {
  if (!plan) throw new Error('a plan row read right after its write is missing');
  const { results } = await d1
    .prepare(
      `SELECT visit.id, visit.case_id, visit.lead_agent_id, visit.agent_ids, visit.route_order,
         visit.window_start, visit.window_end, visit.status, customer.name AS customer_name,
         customer.lat, customer.lon, lead.home_lat AS start_lat, lead.home_lon AS start_lon
       FROM visits visit
         JOIN cases kase ON kase.tenant_id = visit.tenant_id AND kase.id = visit.case_id
         LEFT JOIN customers customer ON customer.tenant_id = kase.tenant_id AND customer.id = kase.customer_id
         LEFT JOIN agents lead ON lead.tenant_id = visit.tenant_id AND lead.id = visit.lead_agent_id
       WHERE visit.tenant_id = ? AND visit.plan_id = ? ORDER BY visit.lead_agent_id, visit.route_order`,
    )
    .bind(plan.tenant_id, plan.id)
    .all<VisitRow>();
  const routes = new Map<string, { start: Point | null; stops: z.infer<typeof StopSchema>[] }>();
  for (const row of results) {
    const lead = row.lead_agent_id ?? '';
    const route = routes.get(lead) ?? { start: pointOf(row.start_lat, row.start_lon, masked), stops: [] };
    route.stops.push({
      visitId: row.id,
      caseId: row.case_id,
      order: row.route_order,
      window: {
        start: new Date(row.window_start ?? 0).toISOString(),
        end: new Date(row.window_end ?? 0).toISOString(),
      },
      agentIds: JSON.parse(row.agent_ids) as string[],
      status: row.status,
      customerName: masked ? MASK : (row.customer_name ?? ''),
      location: pointOf(row.lat, row.lon, masked),
    });
    routes.set(lead, route);
  }
  return {
    id: plan.id,
    date: plan.date,
    regionId: plan.region_id,
    status: plan.status as z.infer<typeof PlanSchema>['status'],
    routes: [...routes].map(([leadAgentId, route]) => ({ leadAgentId, ...route })),
    unplanned: JSON.parse(plan.unassigned) as z.infer<typeof PlanSchema>['unplanned'],
  };
}

export function registerVisitPlans(app: ReturnType<typeof createRouter>) {
  app.openapi(createRoute, async (c) => {
    const body = c.req.valid('json');
    const { auth, services } = c.var;
    const id = services.ports.newId('vpl');
    const now = services.ports.now();
    const scheduling = await tenantScheduling(services.d1, auth.tenantId);
    assertFields(
      [
        {
          path: '/date',
          schema: scheduledDateSchema(now, scheduling.timeZone, scheduling.window),
          value: body.date,
        },
      ],
      'The plan’s day lies outside what this tenant schedules; see `errors`.',
    );
    await audited(
      c,
      { action: 'visit-plan.requested', subjectType: 'visit_plan', subjectId: id, data: { date: body.date } },
      [
        services.d1
          .prepare(
            `INSERT INTO visit_plans (id, tenant_id, date, region_id, status, agent_ids, unassigned, stats, created_at)
           VALUES (?, ?, ?, ?, 'solving', ?, '[]', ?, ?)`,
          )
          .bind(
            id,
            auth.tenantId,
            body.date,
            body.regionId,
            JSON.stringify(body.agentIds),
            JSON.stringify({ teamSize: body.teamSize, maxCases: body.maxCases }),
            now,
          ),
      ],
    );
    await c.env.JOBS.send({ type: 'plan.solve', v: 1, tenantId: auth.tenantId, planId: id });
    c.header('Location', `/v1/visit-plans/${id}`);
    const plan = await findPlan(services.d1, auth.tenantId, id);
    return c.json(await planBody(services.d1, plan, masksPersonalData(auth)), 202);
  });

  app.openapi(getRoute, async (c) => {
    const plan = await findPlan(c.var.services.d1, c.var.auth.tenantId, c.req.valid('param').planId);
    if (!plan) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit plan.');
    return c.json(await planBody(c.var.services.d1, plan, masksPersonalData(c.var.auth)), 200);
  });

  app.openapi(publishRoute, async (c) => {
    const { auth, services } = c.var;
    const { planId } = c.req.valid('param');
    const plan = await findPlan(services.d1, auth.tenantId, planId);
    if (!plan) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit plan.');
    if (plan.status !== 'draft')
      throw new ApiError('RESOURCE.CONFLICT', `A ${plan.status} plan cannot be published.`);
    const { committed } = await audited(
      c,
      { action: 'visit-plan.published', subjectType: 'visit_plan', subjectId: planId },
      [
        services.d1
          .prepare(
            `UPDATE visit_plans SET status = 'published', published_at = ?, version = version + 1
             WHERE tenant_id = ? AND id = ?`,
          )
          .bind(services.ports.now(), auth.tenantId, planId),
      ],
      { holds: sqlPlanIsDraft(auth.tenantId, planId) },
    );
    if (!committed) throw new ApiError('RESOURCE.CONFLICT', 'The plan changed state meanwhile.');
    const published = await findPlan(services.d1, auth.tenantId, planId);
    return c.json(await planBody(services.d1, published, masksPersonalData(auth)), 200);
  });
}
