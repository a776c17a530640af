import { scheduledDateSchema } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { masksPersonalData, WRITERS } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { assertFields } from '../../http/field-checks';
import { etagOf } from '../../middleware/etag';
import { findPlan, publishedPlanEvents } from '../../planning/visit-plans';
import { audited } from '../../repositories/audit';
import { tenantScheduling } from '../../repositories/tenant-scheduling';
import { partnerRoute } from '../v1/partner-route';
import { idParam, LocalDateSchema, problems } from '../v1/schemas';
import { PlanSchema, planBody } from './plan-schema';

const CreatePlanSchema = z
  .object({
    date: LocalDateSchema.openapi({
      description:
        'The local day to plan, in the tenant’s zone, inside its scheduling window (by default from yesterday to 180 days ahead).',
    }),
    regionId: z.string().max(64).nullable().default(null),
    agentIds: z.array(z.string().regex(/^agt_/, 'Must start with "agt_"')).min(1).max(200),
    teamSize: z.number().int().min(1).max(4).default(1).openapi({
      description:
        'Least staff per visit. The planner forms the teams from the agents given (their order means nothing): as large as the compliance pack needs (CN: 2) or this when larger, from shared shifts, skills, languages, territories and the policy’s seniority rule.',
    }),
    maxCases: z.number().int().min(1).max(2000).default(400),
  })
  .openapi('CreateVisitPlan');

const createVisitPlanExample = {
  date: '2026-12-02',
  agentIds: ['agt_demo00001', 'agt_demo00002', 'agt_demo00003', 'agt_demo00004'],
  teamSize: 2,
  maxCases: 40,
} satisfies z.input<typeof CreatePlanSchema>;

const createRoute = partnerRoute(WRITERS, {
  operationId: 'createVisitPlan',
  method: 'post',
  path: '/v1/visit-plans',
  tags: ['Visit plans'],
  summary: 'Plan a day of visits for a region and a set of agents',
  description:
    'Solved on the queue by the tenant’s planning policy (by default the VRPTW `route-optimised` plugin) over the highest-priority screened cases that no running experiment holds out, inside the compliance pack’s allowed windows. Poll the returned resource until `status` is `draft`.',
  request: {
    body: {
      content: { 'application/json': { schema: CreatePlanSchema, example: createVisitPlanExample } },
      required: true,
    },
  },
  responses: {
    202: { description: 'Solving', content: { 'application/json': { schema: PlanSchema } } },
    ...problems(),
  },
});

const getRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'getVisitPlan',
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
  operationId: 'publishVisitPlan',
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
    c.header('ETag', etagOf(plan?.version ?? 1));
    return c.json(await planBody(services.d1, plan, masksPersonalData(auth)), 202);
  });

  app.openapi(getRoute, async (c) => {
    const plan = await findPlan(c.var.services.d1, c.var.auth.tenantId, c.req.valid('param').planId);
    if (!plan) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit plan.');
    c.header('ETag', etagOf(plan.version));
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
      publishedPlanEvents(plan),
    );
    if (!committed) throw new ApiError('RESOURCE.CONFLICT', 'The plan changed state meanwhile.');
    const published = await findPlan(services.d1, auth.tenantId, planId);
    c.header('ETag', etagOf(published?.version ?? plan.version + 1));
    return c.json(await planBody(services.d1, published, masksPersonalData(auth)), 200);
  });
}
