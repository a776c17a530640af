import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf } from '../../middleware/etag';
import { findPlan } from '../../repositories/repayment-plans';
import { partnerRoute } from './partner-route';
import { planBody, RepaymentPlanSchema } from './repayment-plan-schema';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'getRepaymentPlan',
  method: 'get',
  path: '/v1/repayment-plans/{planId}',
  tags: ['Repayment plans'],
  summary: 'Get a repayment plan with its instalments and their status',
  request: { params: idParam('planId', 'plan') },
  responses: {
    200: { description: 'The plan', content: { 'application/json': { schema: RepaymentPlanSchema } } },
    ...problems(404),
  },
});

export function registerGetRepaymentPlan(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const found = await findPlan(c.var.services.db, c.var.auth, c.req.valid('param').planId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such repayment plan.');
    c.header('ETag', etagOf(found.plan.version));
    return c.json(planBody(found.plan, found.instalments), 200);
  });
}
