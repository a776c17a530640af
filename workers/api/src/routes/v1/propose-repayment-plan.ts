import { proposeRepaymentPlan } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { instalments, repaymentPlans } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf } from '../../middleware/etag';
import { audited } from '../../repositories/audit';
import { decidedBy, decidingPolicy, resolveDeciding } from '../../repositories/deciding-policy';
import { coreCase, coreTenant, idSource } from '../../repositories/domain';
import { caseScope } from '../../repositories/scope';
import { loadCase, snapshotOf } from '../../screening/load';
import { findTenantPolicy } from '../../screening/runs';
import { businessEvent } from '../../webhooks/business-events';
import { partnerRoute } from './partner-route';
import { planBody, RepaymentPlanSchema } from './repayment-plan-schema';
import { idParam, MoneySchema, problems } from './schemas';

const ProposeSchema = z
  .object({
    monthlyAbilityToPay: MoneySchema.openapi({
      description: '还款能力: what the customer can pay per month.',
    }),
    preferredDayOfMonth: z.number().int().min(1).max(31).optional(),
  })
  .openapi('RepaymentPlanPropose');

const RefusalSchema = z
  .object({ plan: z.null(), reasons: z.array(z.record(z.string(), z.unknown())) })
  .openapi('RepaymentPlanRefusal', {
    description: 'The policy offers no plan (e.g. ability too low); reasons say why.',
  });

const proposeRepaymentPlanExample = {
  monthlyAbilityToPay: { amountMinor: 150_000, currency: 'CNY' },
  preferredDayOfMonth: 10,
} satisfies z.input<typeof ProposeSchema>;

export const route = partnerRoute(['admin', 'supervisor', 'agent'], {
  operationId: 'proposeRepaymentPlan',
  method: 'post',
  path: '/v1/cases/{caseId}/repayment-plans',
  tags: ['Repayment plans'],
  summary: 'Propose an affordable repayment plan',
  description:
    'The tenant’s repayment policy turns the arrears and what the customer can afford into instalments (201), or explains why it offers none (200 with `plan: null`).',
  request: {
    params: idParam('caseId', 'case'),
    body: {
      content: { 'application/json': { schema: ProposeSchema, example: proposeRepaymentPlanExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Proposed', content: { 'application/json': { schema: RepaymentPlanSchema } } },
    200: { description: 'No plan offered', content: { 'application/json': { schema: RefusalSchema } } },
    ...problems(404, 409),
  },
});

// D1 binds at most 100 parameters per statement and an instalment row has 8: a 5-year plan takes
// several inserts, all in the one batch.
const INSTALMENTS_PER_INSERT = 12;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function registerProposeRepaymentPlan(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    // One read of the tenant and its active set, shared by the case read and the deciding-policy lookup.
    const tenantPolicy = Promise.resolve(findTenantPolicy(db, tenantId));
    const [row, found, deciding] = await Promise.all([
      loadCase(db, caseScope(c.var.auth), caseId),
      tenantPolicy,
      decidingPolicy(
        c.var.services.d1,
        tenantId,
        { caseId },
        tenantPolicy.then((t) => t?.policy ?? null),
      ),
    ]);
    if (!row || !found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    if (body.monthlyAbilityToPay.currency !== row.kase.currency)
      throw new ApiError('REQUEST.INVALID', 'Amounts must be in the currency of the debt.', {
        errors: [
          { path: '/monthlyAbilityToPay/currency', in: 'body', message: `Expected ${row.kase.currency}` },
        ],
      });
    const now = ports.now();
    const nowIso = new Date(now).toISOString();
    const tenant = coreTenant(found.tenant);
    // A case in a challenger experiment's challenger arm gets the challenger set's repayment policy.
    const set = resolveDeciding(tenantId, deciding);
    const decided = proposeRepaymentPlan(
      set,
      {
        tenant,
        case: coreCase(row.kase),
        snapshot: snapshotOf(row, nowIso),
        monthlyAbilityToPay: body.monthlyAbilityToPay,
        ...(body.preferredDayOfMonth === undefined ? {} : { preferredDayOfMonth: body.preferredDayOfMonth }),
      },
      { now: nowIso, ids: idSource(ports) },
    );
    if (!decided.ok) throw new Error(`repayment policy failed: ${decided.error.policyId}`);
    const reasons = decided.value.reasons as unknown as Record<string, unknown>[];
    if (decided.value.kind === 'refusal') return c.json({ plan: null, reasons }, 200);

    const { plan } = decided.value;
    // The plan schema holds at least one instalment; the first falls due first.
    const [first] = plan.instalments;
    if (!first) throw new Error(`repayment policy proposed plan ${plan.id} without instalments`);
    const planRow = {
      id: plan.id,
      tenantId,
      caseId,
      status: 'proposed' as const,
      total: plan.totalMinor,
      waived: plan.waivedMinor,
      currency: plan.currency,
      termMonths: plan.instalments.length,
      reasons,
      hardship: false,
      proposedAt: now,
      acceptedAt: null,
      version: 1,
      decidedBy: decidedBy(deciding, set),
    };
    const instalmentRows = plan.instalments.map((i) => ({
      planId: plan.id,
      seq: i.sequence,
      tenantId,
      dueDate: i.dueDate,
      dueAt: Date.parse(i.dueAt),
      amount: i.amountMinor,
      paid: 0,
      status: 'pending' as const,
    }));
    await audited(
      c,
      {
        action: 'repayment-plan.proposed',
        subjectType: 'repayment_plan',
        subjectId: plan.id,
        data: { caseId },
      },
      [
        db.insert(repaymentPlans).values(planRow),
        ...chunks(instalmentRows, INSTALMENTS_PER_INSERT).map((rows) => db.insert(instalments).values(rows)),
      ],
      undefined,
      [
        businessEvent('plan.proposed', caseId, plan.id, {
          planId: plan.id,
          totalMinor: plan.totalMinor,
          waivedMinor: plan.waivedMinor,
          currency: plan.currency,
          instalments: plan.instalments.length,
          firstDueDate: first.dueDate,
        }),
      ],
    );
    c.header('Location', `/v1/repayment-plans/${plan.id}`);
    c.header('ETag', etagOf(1));
    return c.json(planBody(planRow, instalmentRows), 201);
  });
}
