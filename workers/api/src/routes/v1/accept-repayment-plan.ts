import { type ContactResult, decideFollowUps, withRule } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { assertCommitmentAllowed } from '../../compliance/enforce';
import { cancelPendingFollowUps, scheduleFollowUpStatements } from '../../follow-ups/schedule';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { audited, versionHolds, type Write } from '../../repositories/audit';
import { caseTransitionStatement } from '../../repositories/case-status';
import { decidedBy, decidingPolicy, resolveDeciding } from '../../repositories/deciding-policy';
import { coreCase, coreTenant, idSource } from '../../repositories/domain';
import {
  acceptedPlanIds,
  acceptPlan,
  coreAcceptedPlan,
  findPlan,
  supersedePlan,
} from '../../repositories/repayment-plans';
import { findVisit } from '../../repositories/visits';
import { findTenantPolicy } from '../../screening/runs';
import { businessEvent } from '../../webhooks/business-events';
import { ChecklistInputSchema, CommitmentChannelSchema, TOP_LEVEL_PATHS } from './commitment-schema';
import { partnerRoute } from './partner-route';
import { planBody, RepaymentPlanSchema } from './repayment-plan-schema';
import { idParam, problems } from './schemas';

const AcceptSchema = withRule(
  z.object({
    channel: CommitmentChannelSchema.openapi({ description: 'Where the customer accepted the plan.' }),
    visitId: z.string().min(5).max(64).optional().openapi({
      description: 'The visit at which the customer accepted; required when `channel` is `visit`.',
    }),
    checklist: ChecklistInputSchema,
  }),
  'Required when channel is visit, and only then',
  (body) => (body.channel === 'visit') === (body.visitId !== undefined),
  ['visitId'],
).openapi('RepaymentPlanAcceptance');

/** Visits at which someone stood at the customer's door. */
const MADE = new Set(['checked_in', 'completed']);

export const route = partnerRoute(['admin', 'supervisor', 'agent'], {
  operationId: 'acceptRepaymentPlan',
  ifMatch: true,
  method: 'post',
  path: '/v1/repayment-plans/{planId}/accept',
  tags: ['Repayment plans'],
  summary: 'Record that the customer accepted a proposed plan',
  description:
    'Needs `If-Match`. The customer accepted it at a visit of the case (`channel: visit` with its `visitId`, a visit checked in or completed whose outcome, if recorded, met the customer) or remotely (`call`, `sms`, `email`, `letter`), after the pack’s introduction checklist: otherwise 422 `COMMITMENT.REFUSED` naming the field. The instalments become due on their dates; in the same write the tenant’s follow-up policy schedules a reminder before and a check after each instalment (see `GET /v1/cases/{caseId}/follow-ups`), the case enters follow-up, and a plan the case held to until now is superseded with its pending timers cancelled.',
  request: {
    params: idParam('planId', 'plan'),
    body: { content: { 'application/json': { schema: AcceptSchema } }, required: true },
  },
  responses: {
    200: { description: 'Accepted', content: { 'application/json': { schema: RepaymentPlanSchema } } },
    ...problems(404, 409, 412, 428),
  },
});

export function registerAcceptRepaymentPlan(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const version = ifMatchVersion(c);
    const { planId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const active = Promise.resolve(findTenantPolicy(db, tenantId));
    const [found, tenantPolicy, deciding] = await Promise.all([
      findPlan(db, c.var.auth, planId),
      active,
      decidingPolicy(
        d1,
        tenantId,
        { planId },
        active.then((t) => t?.policy ?? null),
      ),
    ]);
    if (!found || !tenantPolicy) throw new ApiError('RESOURCE.NOT_FOUND', 'No such repayment plan.');
    if (found.plan.version !== version) throw staleVersion();
    if (found.plan.status !== 'proposed')
      throw new ApiError('RESOURCE.CONFLICT', `A ${found.plan.status} plan cannot be accepted.`);
    const { kase } = found;
    const visit = body.visitId === undefined ? null : await findVisit(db, c.var.auth, body.visitId);
    if (body.visitId !== undefined && (visit?.visit.caseId !== kase.id || !MADE.has(visit.visit.status)))
      throw new ApiError('REQUEST.INVALID', 'The plan was not accepted at a visit made on its case.', {
        errors: [
          { path: '/visitId', in: 'body', message: 'Not a checked-in or completed visit of the plan’s case' },
        ],
      });
    assertCommitmentAllowed(
      c,
      {
        tenant: tenantPolicy.tenant,
        policyDocument: tenantPolicy.policy?.document ?? null,
        policyVersion: tenantPolicy.policy?.version ?? null,
      },
      {
        kind: 'plan',
        channel: body.channel,
        contactResult: (visit?.outcome?.contactResult ?? null) as ContactResult | null,
        checklist: body.checklist,
        promise: null,
        arrears: { amountMinor: kase.overdueTotal, currency: kase.currency },
        // The accepting visit's outcome is where a wrong party shows.
        paths: { ...TOP_LEVEL_PATHS, contactResult: '/visitId' },
      },
    );
    const now = ports.now();
    const nowIso = new Date(now).toISOString();
    const caseBefore = coreCase(kase);
    const set = resolveDeciding(tenantId, deciding);
    const decided = decideFollowUps(
      set,
      {
        tenant: coreTenant(tenantPolicy.tenant),
        case: caseBefore,
        outcome: null,
        overdueTotal: { amountMinor: kase.overdueTotal, currency: kase.currency },
        plan: coreAcceptedPlan(found.plan, found.instalments),
        promise: null,
      },
      { now: nowIso, ids: idSource(ports) },
    );
    if (!decided.ok) throw new Error(`follow-up policy failed: ${decided.error.policyId}`);
    const scheduled = scheduleFollowUpStatements(d1, {
      tenantId,
      caseId: kase.id,
      decisions: decided.value.followUps,
      refs: { planId },
      now,
      decidedBy: decidedBy(deciding, set),
    });
    if (!scheduled.ok) throw new Error(`follow-up timers could not be planned: ${scheduled.problem.code}`);

    // The customer holds to one plan at a time: the one accepted before stops, and so do its timers.
    const superseded = (await acceptedPlanIds(db, tenantId, kase.id, planId)).map((p) => p.id);
    const writes: Write[] = [
      ...superseded.flatMap((id) => [
        cancelPendingFollowUps(d1, tenantId, kase.id, { now, planId: id }),
        supersedePlan(db, tenantId, id),
      ]),
      acceptPlan(db, tenantId, planId, version, now),
      ...scheduled.statements,
    ];
    // The case enters follow-up (by the core's machine), so a broken plan can send it back to screening.
    const moved = caseTransitionStatement(d1, tenantId, kase, 'follow_up_started', now);
    if (moved) writes.push(moved);

    const { committed } = await audited(
      c,
      {
        action: 'repayment-plan.accepted',
        subjectType: 'repayment_plan',
        subjectId: planId,
        data: {
          caseId: kase.id,
          channel: body.channel,
          visitId: body.visitId ?? null,
          supersededPlanIds: superseded,
          followUps: decided.value.followUps.map((f) => f.kind),
          reasons: decided.value.reasons,
          decidedBy: decidedBy(deciding, set),
        },
      },
      writes,
      // Also: no other plan of the case was accepted since the list above was read. Of two plans
      // accepted at once, one commits; the other is told to retry (412) and then supersedes it.
      {
        holds: sql`${versionHolds('repayment_plans', tenantId, planId, version)} AND NOT EXISTS (
          SELECT 1 FROM repayment_plans WHERE tenant_id = ${tenantId} AND case_id = ${kase.id}
            AND status = 'accepted' AND id <> ${planId}
            AND id NOT IN (SELECT value FROM json_each(${JSON.stringify(superseded)})))`,
      },
      [
        businessEvent('plan.accepted', kase.id, planId, {
          planId,
          acceptedAt: nowIso,
          totalMinor: found.plan.total,
          waivedMinor: found.plan.waived,
          currency: found.plan.currency,
          instalments: found.instalments.map((i) => ({
            sequence: i.seq,
            dueDate: i.dueDate,
            amountMinor: i.amount,
          })),
        }),
      ],
    );
    if (!committed) throw staleVersion();
    const plan = { ...found.plan, status: 'accepted' as const, acceptedAt: now, version: version + 1 };
    c.header('ETag', etagOf(plan.version));
    return c.json(planBody(plan, found.instalments), 200);
  });
}
