import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { audited, versionHolds } from '../../repositories/audit';
import { acceptPlan, findPlan } from '../../repositories/repayment-plans';
import { partnerRoute } from './partner-route';
import { planBody, RepaymentPlanSchema } from './repayment-plan-schema';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'agent'], {
  method: 'post',
  path: '/v1/repayment-plans/{planId}/accept',
  tags: ['Repayment plans'],
  summary: 'Record that the customer accepted a proposed plan',
  description: 'Needs `If-Match`. The instalments become due on their dates.',
  request: { params: idParam('planId', 'plan') },
  responses: {
    200: { description: 'Accepted', content: { 'application/json': { schema: RepaymentPlanSchema } } },
    ...problems(404, 409, 412, 428),
  },
});

export function registerAcceptRepaymentPlan(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const version = ifMatchVersion(c);
    const { planId } = c.req.valid('param');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const found = await findPlan(db, c.var.auth, planId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such repayment plan.');
    if (found.plan.version !== version) throw staleVersion();
    if (found.plan.status !== 'proposed')
      throw new ApiError('RESOURCE.CONFLICT', `A ${found.plan.status} plan cannot be accepted.`);
    const now = ports.now();
    const { committed } = await audited(
      c,
      { action: 'repayment-plan.accepted', subjectType: 'repayment_plan', subjectId: planId },
      [acceptPlan(db, tenantId, planId, version, now)],
      { holds: versionHolds('repayment_plans', tenantId, planId, version) },
    );
    if (!committed) throw staleVersion();
    const plan = { ...found.plan, status: 'accepted' as const, acceptedAt: now, version: version + 1 };
    c.header('ETag', etagOf(plan.version));
    return c.json(planBody(plan, found.instalments), 200);
  });
}
