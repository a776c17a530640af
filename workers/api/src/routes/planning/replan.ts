import { instantToZoned } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { WRITERS } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError, type FieldError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { findReplan, type ReplanRequest, type ReplanResult, type ReplanRow } from '../../planning/replans';
import { findPlan } from '../../planning/visit-plans';
import { audited } from '../../repositories/audit';
import { findVisit } from '../../repositories/visits';
import { cancelledAs, cancelVisit } from '../../visits/cancel';
import { partnerRoute } from '../v1/partner-route';
import { IsoInstantSchema, idParam, problems } from '../v1/schemas';
import { CancelVisitSchema } from '../v1/visit-lifecycle-schema';
import { IdleAgentSchema, TravelRecordSchema, WorkloadSchema } from './plan-schema';

const ReplanInputSchema = z
  .object({
    at: IsoInstantSchema.optional().openapi({
      description: 'The moment of the day to re-plan from (default: now); on the plan’s date.',
    }),
    unavailableAgents: z
      .array(z.object({ agentId: z.string().min(5).max(64), from: IsoInstantSchema }))
      .max(200)
      .default([])
      .openapi({ description: 'Agents who stop working at `from` (sick at 10:00, called away at 14:00).' }),
    urgentCaseIds: z
      .array(z.string().min(6).max(64))
      .max(50)
      .default([])
      .openapi({ description: 'Cases to fit in today ahead of every other, as compliance allows.' }),
    cancelledVisits: z
      .array(z.object({ visitId: z.string().min(5).max(64) }).and(CancelVisitSchema))
      .max(100)
      .default([])
      .openapi({ description: 'Visits of the plan to call off with the re-plan, each as `/cancel` would.' }),
  })
  .openapi('VisitPlanReplanInput');

const ReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
});
const SlotSchema = z.object({
  agentIds: z.array(z.string()),
  start: z.string(),
  end: z.string(),
  order: z.number().int(),
});

const ReplanSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    status: z.enum(['solving', 'applied', 'failed']),
    at: z.string(),
    request: z.object({
      unavailableAgents: z.array(z.object({ agentId: z.string(), from: z.string() })),
      urgentCaseIds: z.array(z.string()),
      cancelledVisitIds: z.array(z.string()),
    }),
    changes: z
      .array(
        z.object({
          caseId: z.string(),
          visitId: z.string().nullable(),
          change: z.enum(['kept', 'unchanged', 'shifted', 'moved', 'added', 'unscheduled', 'unplanned']),
          from: SlotSchema.nullable(),
          to: SlotSchema.nullable(),
          reasons: z.array(ReasonSchema),
        }),
      )
      .openapi({
        description:
          'Every case of the day and what happened to it, with the planner’s reasons: `kept` (done or under way), `unchanged`, `shifted` (same team, other time or order), `moved` (another team), `added` (urgent), `unscheduled` (taken off the day; its visit waits as requested for a later plan), `unplanned` (an urgent case that did not fit).',
      }),
    teams: z
      .array(z.object({ agentIds: z.array(z.string()), reasons: z.array(ReasonSchema) }))
      .openapi({ description: 'Where and when each team’s day goes on from, and until when.' }),
    idleAgents: z.array(IdleAgentSchema),
    workload: WorkloadSchema.nullable(),
    travel: TravelRecordSchema.nullable(),
    failure: z.string().nullable().openapi({
      description:
        'Why a `failed` re-plan changed nothing (e.g. a planning policy that does not re-plan mid-day).',
    }),
    createdAt: z.string(),
    appliedAt: z.string().nullable(),
  })
  .openapi('VisitPlanReplan');

const replanRoute = partnerRoute(WRITERS, {
  method: 'post',
  path: '/v1/visit-plans/{planId}/replan',
  operationId: 'replanVisitPlan',
  ifMatch: true,
  tags: ['Visit plans'],
  summary: 'Re-plan the rest of a day in progress',
  description:
    'Takes what changed (agents unavailable from a time, urgent cases, visits to call off) and re-solves the day on the queue like the first plan: visits done or under way stay where they are, each team starts again from its last check-in (its base when it has none) no earlier than `at`, and the rest is planned again inside the compliance pack’s windows, moving a visit to another team only when that pays. Poll the returned re-plan until `applied`: it says what moved and why. Moves are announced as `visit.reassigned`, `visit.rescheduled` and `visit.unscheduled`. Needs `If-Match` with the plan’s ETag; one re-plan of a plan solves at a time.',
  request: {
    params: idParam('planId', 'vpl'),
    body: { content: { 'application/json': { schema: ReplanInputSchema } }, required: true },
  },
  responses: {
    202: { description: 'Re-planning', content: { 'application/json': { schema: ReplanSchema } } },
    ...problems(400, 404, 409, 412, 422, 428),
  },
});

const getReplanRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/visit-plans/{planId}/replans/{replanId}',
  operationId: 'getVisitPlanReplan',
  tags: ['Visit plans'],
  summary: 'A re-plan: what moved, what stayed and why',
  request: { params: idParam('planId', 'vpl').extend(idParam('replanId', 'rpl').shape) },
  responses: {
    200: { description: 'The re-plan', content: { 'application/json': { schema: ReplanSchema } } },
    ...problems(404),
  },
});

const iso = (ms: number) => new Date(ms).toISOString();

function replanBody(row: ReplanRow): z.infer<typeof ReplanSchema> {
  const request = JSON.parse(row.request) as ReplanRequest;
  const result =
    row.result === null ? null : (JSON.parse(row.result) as Partial<ReplanResult> & { failure?: string });
  return {
    id: row.id,
    planId: row.plan_id,
    status: row.status,
    at: iso(row.at),
    request: {
      unavailableAgents: request.unavailable.map((u) => ({ agentId: u.agentId, from: iso(u.from) })),
      urgentCaseIds: request.urgentCaseIds,
      cancelledVisitIds: request.cancelledVisitIds,
    },
    changes: result?.changes ?? [],
    teams: result?.teams ?? [],
    idleAgents: result?.idleAgents ?? [],
    workload: result?.workload ?? null,
    travel: result?.travel ?? null,
    failure: result?.failure ?? null,
    createdAt: iso(row.created_at),
    appliedAt: row.applied_at === null ? null : iso(row.applied_at),
  };
}

interface DayFacts {
  team: string;
  tz: string;
}

export function registerReplan(app: ReturnType<typeof createRouter>) {
  app.openapi(replanRoute, async (c) => {
    const { planId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { d1, ports } = c.var.services;
    const { auth } = c.var;
    const plan = await findPlan(d1, auth.tenantId, planId);
    if (!plan) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit plan.');
    const version = ifMatchVersion(c);
    if (plan.version !== version) throw staleVersion();
    if (plan.status !== 'draft' && plan.status !== 'published')
      throw new ApiError('RESOURCE.CONFLICT', `A ${plan.status} plan cannot be re-planned.`);
    const solving = await d1
      .prepare(`SELECT id FROM visit_plan_replans WHERE tenant_id = ? AND plan_id = ? AND status = 'solving'`)
      .bind(auth.tenantId, planId)
      .first<{ id: string }>();
    if (solving)
      throw new ApiError('RESOURCE.CONFLICT', `Re-plan ${solving.id} of this plan is still solving.`);

    const now = ports.now();
    const at = body.at === undefined ? now : Date.parse(body.at);

    // What the request names must belong to the day: its agents, the tenant's open cases, its visits.
    const [facts, urgent] = await Promise.all([
      d1
        .prepare(
          `SELECT (SELECT json_group_array(DISTINCT j.value) FROM visits v, json_each(v.agent_ids) j
                    WHERE v.tenant_id = ?1 AND v.plan_id = ?2) AS team,
                  (SELECT time_zone FROM tenants WHERE id = ?1) AS tz`,
        )
        .bind(auth.tenantId, planId)
        .first<DayFacts>(),
      d1
        .prepare(
          `SELECT kase.id FROM cases kase JOIN customers customer ON customer.tenant_id = kase.tenant_id
             AND customer.id = kase.customer_id
           WHERE kase.tenant_id = ?1 AND kase.id IN (SELECT value FROM json_each(?2)) AND kase.ended_at IS NULL
             AND customer.lat IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.tenant_id = ?1 AND v.case_id = kase.id
                               AND v.status IN ('planned', 'checked_in'))`,
        )
        .bind(auth.tenantId, JSON.stringify(body.urgentCaseIds))
        .all<{ id: string }>(),
    ]);
    const onDay = new Set([
      ...(JSON.parse(plan.agent_ids) as string[]),
      ...(JSON.parse(facts?.team ?? '[]') as string[]),
    ]);
    const open = new Set(urgent.results.map((r) => r.id));
    const errors: FieldError[] = [
      ...(instantToZoned(iso(at), facts?.tz ?? 'UTC').date === plan.date
        ? []
        : [{ path: '/at', message: `Not on the plan's date, ${plan.date}.` }]),
      ...body.unavailableAgents.flatMap((u, i) =>
        onDay.has(u.agentId)
          ? []
          : [{ path: `/unavailableAgents/${i}/agentId`, message: 'Not an agent of this plan.' }],
      ),
      ...body.urgentCaseIds.flatMap((caseId, i) =>
        open.has(caseId)
          ? []
          : [
              {
                path: `/urgentCaseIds/${i}`,
                message: 'No open case with an address and no visit planned has this id.',
              },
            ],
      ),
    ];
    const cancellations = await Promise.all(
      body.cancelledVisits.map(async ({ visitId, ...cancellation }, i) => {
        const found = await findVisit(c.var.services.db, auth, visitId);
        const ok =
          found?.visit.planId === planId &&
          ['planned', 'requested', 'cancelled'].includes(found.visit.status);
        if (!ok || !found)
          errors.push({
            path: `/cancelledVisits/${i}/visitId`,
            message: 'No visit of this plan that can be called off.',
          });
        return { found, cancellation };
      }),
    );
    if (errors.length > 0)
      throw new ApiError('REQUEST.INVALID', 'The re-plan names what is not part of the day.', {
        errors: errors.map((e) => ({ ...e, in: 'body' as const })),
      });
    for (const { found, cancellation } of cancellations) {
      if (!found || cancelledAs(found.visit, cancellation)) continue;
      const { committed } = await cancelVisit(
        c,
        found.visit,
        found.caseStatus,
        found.visit.version,
        cancellation,
      );
      if (!committed) throw staleVersion();
    }
    const id = ports.newId('rpl');
    const request: ReplanRequest = {
      at,
      unavailable: body.unavailableAgents.map((u) => ({ agentId: u.agentId, from: Date.parse(u.from) })),
      urgentCaseIds: body.urgentCaseIds,
      cancelledVisitIds: body.cancelledVisits.map((v) => v.visitId),
    };
    const { committed } = await audited(
      c,
      {
        action: 'visit-plan.replan-requested',
        subjectType: 'visit_plan',
        subjectId: planId,
        data: { replanId: id },
      },
      [
        d1
          .prepare(
            `INSERT INTO visit_plan_replans (id, tenant_id, plan_id, status, at, request, requested_by_key_id, created_at)
             VALUES (?, ?, ?, 'solving', ?, ?, ?, ?)`,
          )
          .bind(id, auth.tenantId, planId, at, JSON.stringify(request), auth.keyId, now),
        d1
          .prepare(`UPDATE visit_plans SET version = version + 1 WHERE tenant_id = ? AND id = ?`)
          .bind(auth.tenantId, planId),
      ],
      {
        holds: sql`EXISTS (SELECT 1 FROM visit_plans WHERE tenant_id = ${auth.tenantId} AND id = ${planId} AND version = ${version})`,
      },
    );
    if (!committed) throw staleVersion();
    await c.env.JOBS.send({ type: 'plan.replan', v: 1, tenantId: auth.tenantId, planId, replanId: id });
    const row = await findReplan(d1, auth.tenantId, planId, id);
    if (!row) throw new Error('a re-plan read right after its write is missing');
    c.header('Location', `/v1/visit-plans/${planId}/replans/${id}`);
    c.header('ETag', etagOf(version + 1));
    return c.json(replanBody(row), 202);
  });

  app.openapi(getReplanRoute, async (c) => {
    const { planId, replanId } = c.req.valid('param');
    const row = await findReplan(c.var.services.d1, c.var.auth.tenantId, planId, replanId);
    if (!row) throw new ApiError('RESOURCE.NOT_FOUND', 'No such re-plan.');
    return c.json(replanBody(row), 200);
  });
}
