import { type CaseStatus, isCaseActive, type PromiseToPay } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { assertCommitmentAllowed } from '../../compliance/enforce';
import { decideAndSchedule } from '../../follow-ups/schedule';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { findCase } from '../../repositories/cases';
import { decidedBy, decidingPolicy, resolveDeciding } from '../../repositories/deciding-policy';
import { coreCase, coreTenant, idSource } from '../../repositories/domain';
import { insertPromise, promiseRowOf } from '../../repositories/promises';
import { findTenantPolicy } from '../../screening/runs';
import { promiseMade } from '../../webhooks/business-events';
import { ChecklistInputSchema, TOP_LEVEL_PATHS } from './commitment-schema';
import { partnerRoute } from './partner-route';
import { PromiseSchema, promiseBody } from './promise-schema';
import { idParam, LocalDateSchema, MoneySchema, problems } from './schemas';

const RemotePromiseSchema = z
  .object({
    channel: z.enum(['call', 'sms', 'email', 'letter']).openapi({
      description:
        'How the customer made the promise; a promise at the door is recorded with the visit’s outcome.',
    }),
    checklist: ChecklistInputSchema,
    amount: MoneySchema,
    dueDate: LocalDateSchema.openapi({ description: 'The promised date, in the tenant’s calendar.' }),
  })
  .openapi('RemotePromiseInput');

export const route = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  method: 'post',
  path: '/v1/cases/{caseId}/promises',
  operationId: 'recordCasePromise',
  tags: ['Follow-ups'],
  summary: 'Record a promise to pay made outside a visit (a call, a message, a letter)',
  description:
    'By the same rules as a promise at the door: the pack’s introduction checklist confirmed (the doorstep-only items aside, the right party always), a date from today to the tenant’s horizon (`commitments.promiseHorizonDays`, 60) and an amount above 0 and at most the arrears, in the debt’s currency; otherwise 422 `COMMITMENT.REFUSED` naming each field. The promise, its promise-check timer (the day after the date, as the tenant’s follow-up policy decides) and the audit row are written together; send an `Idempotency-Key` so a retried request records it once.',
  request: {
    params: idParam('caseId', 'case'),
    body: { content: { 'application/json': { schema: RemotePromiseSchema } }, required: true },
  },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: PromiseSchema } } },
    ...problems(404, 409),
  },
});

export function registerRecordCasePromise(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const active = Promise.resolve(findTenantPolicy(db, tenantId));
    const [kase, found, deciding] = await Promise.all([
      findCase(db, c.var.auth, caseId),
      active,
      decidingPolicy(
        d1,
        tenantId,
        { caseId },
        active.then((t) => t?.policy ?? null),
      ),
    ]);
    if (!kase || !found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    if (!isCaseActive(kase.status as CaseStatus))
      throw new ApiError('RESOURCE.CONFLICT', `The case is ${kase.status}: it takes no new promise.`);
    if (body.amount.currency !== kase.currency)
      throw new ApiError('REQUEST.INVALID', 'Amounts must be in the currency of the debt.', {
        errors: [{ path: '/amount/currency', in: 'body', message: `Expected ${kase.currency}` }],
      });
    const arrears = { amountMinor: kase.overdueTotal, currency: kase.currency };
    assertCommitmentAllowed(
      c,
      {
        tenant: found.tenant,
        policyDocument: found.policy?.document ?? null,
        policyVersion: found.policy?.version ?? null,
      },
      {
        kind: 'promise',
        channel: body.channel,
        contactResult: null,
        checklist: body.checklist,
        promise: { amount: body.amount, dueDate: body.dueDate },
        arrears,
        paths: TOP_LEVEL_PATHS,
      },
    );

    const now = ports.now();
    const nowIso = new Date(now).toISOString();
    const ids = idSource(ports);
    const promise: PromiseToPay = {
      id: ids.next('ptp'),
      caseId: kase.id as PromiseToPay['caseId'],
      amount: body.amount,
      dueDate: body.dueDate,
      madeAt: nowIso,
      status: 'open',
    };
    // A case in a challenger experiment's challenger arm gets the challenger set's follow-up cadence.
    const set = resolveDeciding(tenantId, deciding);
    const { decision, statements } = decideAndSchedule(
      d1,
      set,
      {
        tenant: coreTenant(found.tenant),
        case: coreCase(kase),
        outcome: null,
        overdueTotal: arrears,
        plan: null,
        promise,
      },
      { now: nowIso, ids },
      {
        tenantId,
        caseId: kase.id,
        refs: { promiseId: promise.id },
        now,
        decidedBy: decidedBy(deciding, set),
      },
    );
    const row = promiseRowOf(
      {
        id: promise.id,
        tenantId,
        caseId: kase.id,
        visitId: null,
        channel: body.channel,
        recordedByKeyId: keyId,
        amount: body.amount,
        promisedDate: body.dueDate,
        createdAt: now,
      },
      found.tenant.timeZone,
    );
    await audited(
      c,
      {
        action: 'promise.recorded',
        subjectType: 'case',
        subjectId: kase.id,
        data: {
          promiseId: promise.id,
          channel: body.channel,
          dueDate: body.dueDate,
          amount: body.amount,
          followUps: decision.followUps.map((f) => f.kind),
        },
      },
      [insertPromise(db, row), ...statements],
      undefined,
      [promiseMade(promise, kase.id, { visitId: null, channel: body.channel })],
    );
    return c.json(promiseBody(row), 201);
  });
}
