import { decideFollowUps, localDateAt, type PromiseToPay, type VisitOutcome } from '@doorstep/core';
import { rightPartyResults } from '@doorstep/evaluation';
import type { z } from '@hono/zod-openapi';
import { assertOutcomeAllowed } from '../../compliance/enforce';
import { followUpPauses, visitOutcomes } from '../../db/schema';
import { scheduleFollowUpStatements } from '../../follow-ups/schedule';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { etagOf, ifMatchVersion, staleVersion } from '../../middleware/etag';
import { audited, versionHolds, type Write } from '../../repositories/audit';
import { caseTransitionStatement } from '../../repositories/case-status';
import { decidedBy, decidingPolicy, resolveDeciding } from '../../repositories/deciding-policy';
import { coreCase, coreTenant, idSource } from '../../repositories/domain';
import { evidenceColumn, storedEvidenceIds } from '../../repositories/evidence';
import { insertPromise, promiseRowOf } from '../../repositories/promises';
import { bumpVisit, findOutcomeContext } from '../../repositories/visits';
import { businessEvent, promiseMade } from '../../webhooks/business-events';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';
import { OutcomeInputSchema, VisitSchema, visitBody } from './visit-schema';

const recordVisitOutcomeExample = {
  contactResult: 'customer_met',
  checklist: [
    { item: 'show_staff_id', confirmed: true },
    { item: 'state_purpose', confirmed: true },
  ],
  hardshipReasons: ['job_loss'],
  willingness: 4,
  monthlyAbilityToPay: { amountMinor: 150_000, currency: 'CNY' },
  satisfaction: 4,
  promiseToPay: { amount: { amountMinor: 300_000, currency: 'CNY' }, dueDate: '2026-12-15' },
  notes: 'Lost his job in October; starts a new one in January.',
} satisfies z.input<typeof OutcomeInputSchema>;

export const route = partnerRoute(['admin', 'supervisor', 'agent'], {
  operationId: 'recordVisitOutcome',
  ifMatch: true,
  method: 'post',
  path: '/v1/visits/{visitId}/outcome',
  tags: ['Visits'],
  summary: 'Record what happened at the visit',
  description:
    'Stores the outcome, completes the visit, records a promise to pay and schedules the follow-ups the tenant’s policy decides (willingness × ability), all in one write. Needs `If-Match`: when two agents record the same visit, one wins and the other gets 412. A promise is recorded only when the customer was met (`customer_met`) and the pack’s introduction checklist (`commitments.checklist`, the right party always) is confirmed, for a date from today to the tenant’s horizon (`commitments.promiseHorizonDays`, 60) and an amount above 0 and at most the arrears; otherwise 422 `COMMITMENT.REFUSED` naming each field.',
  request: {
    params: idParam('visitId', 'vis'),
    body: {
      content: { 'application/json': { schema: OutcomeInputSchema, example: recordVisitOutcomeExample } },
      required: true,
    },
  },
  responses: {
    200: { description: 'Recorded', content: { 'application/json': { schema: VisitSchema } } },
    ...problems(400, 404, 409, 412, 428),
  },
});

/** Where the rules of a promise point in this request's body. */
const PROMISE_PATHS = {
  contactResult: '/contactResult',
  checklist: '/checklist',
  dueDate: '/promiseToPay/dueDate',
  amount: '/promiseToPay/amount/amountMinor',
} as const;

/** 1 when the check-in was flagged far, 0 when measured and near, null when nothing was measured. */
const farFlagOf = (visit: { checkInDistanceM: number | null; checkInFlags: unknown }): number | null =>
  visit.checkInDistanceM === null
    ? null
    : Number((visit.checkInFlags as { code: string }[]).some((flag) => flag.code === 'location.far'));

export function registerRecordVisitOutcome(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const version = ifMatchVersion(c);
    const { visitId } = c.req.valid('param');
    const input = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const context = Promise.resolve(findOutcomeContext(db, c.var.auth, visitId));
    const [found, deciding] = await Promise.all([
      context,
      decidingPolicy(
        d1,
        tenantId,
        { visitId },
        context.then((f) => f?.policy ?? null),
      ),
    ]);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const { visit, kase, tenant } = found;
    if (visit.version !== version) throw staleVersion();
    if (visit.status !== 'planned' && visit.status !== 'checked_in')
      throw new ApiError('RESOURCE.CONFLICT', `A ${visit.status} visit cannot take an outcome.`);
    for (const [path, money] of [
      ['/monthlyAbilityToPay/currency', input.monthlyAbilityToPay],
      ['/promiseToPay/amount/currency', input.promiseToPay?.amount],
    ] as const)
      if (money && money.currency !== kase.currency)
        throw new ApiError('REQUEST.INVALID', 'Amounts must be in the currency of the debt.', {
          errors: [{ path, in: 'body', message: `Expected ${kase.currency}` }],
        });
    const stored = await storedEvidenceIds(db, tenantId, visit.id, input.evidenceIds);
    const uncited = input.evidenceIds.flatMap((id, i) =>
      stored.has(id)
        ? []
        : [{ path: `/evidenceIds/${i}`, in: 'body' as const, message: 'Not stored evidence of this visit' }],
    );
    if (uncited.length > 0)
      throw new ApiError('REQUEST.INVALID', 'An outcome cites only evidence stored for its visit.', {
        errors: uncited,
      });
    await assertOutcomeAllowed(
      c,
      visit,
      input,
      input.promiseToPay && {
        promise: input.promiseToPay,
        arrears: { amountMinor: kase.overdueTotal, currency: kase.currency },
        paths: PROMISE_PATHS,
      },
    );

    const now = ports.now();
    const nowIso = new Date(now).toISOString();
    const ids = idSource(ports);
    const outcome: VisitOutcome = {
      visitId: visit.id as VisitOutcome['visitId'],
      recordedAt: nowIso,
      contactResult: input.contactResult,
      identityChecklist: input.checklist,
      hardshipReasons: input.hardshipReasons,
      willingness: input.willingness,
      monthlyAbilityToPay: input.monthlyAbilityToPay,
      satisfaction: input.satisfaction,
      promiseToPay: input.promiseToPay,
      planProposal: null,
      evidenceRefs: input.evidenceIds,
      notes: input.notes,
    };
    const promise: PromiseToPay | null =
      input.promiseToPay === null
        ? null
        : {
            id: ids.next('ptp'),
            caseId: kase.id as PromiseToPay['caseId'],
            amount: input.promiseToPay.amount,
            dueDate: input.promiseToPay.dueDate,
            madeAt: nowIso,
            status: 'open',
          };
    const tenantSettings = coreTenant(tenant);
    // A case in a challenger experiment's challenger arm gets the challenger set's follow-up cadence.
    const set = resolveDeciding(tenantId, deciding);
    const caseBefore = coreCase(kase);
    const decided = decideFollowUps(
      set,
      {
        tenant: tenantSettings,
        case: caseBefore,
        outcome,
        overdueTotal: { amountMinor: kase.overdueTotal, currency: kase.currency },
        plan: null,
        promise,
      },
      { now: nowIso, ids },
    );
    if (!decided.ok) throw new Error(`follow-up policy failed: ${decided.error.policyId}`);
    const scheduled = scheduleFollowUpStatements(d1, {
      tenantId,
      caseId: kase.id,
      decisions: decided.value.followUps,
      refs: promise ? { promiseId: promise.id } : {},
      now,
      decidedBy: decidedBy(deciding, set),
    });
    if (!scheduled.ok) throw new Error(`follow-up timers could not be planned: ${scheduled.problem.code}`);

    const outcomeRow = {
      visitId: visit.id,
      tenantId,
      caseId: kase.id,
      agentId: visit.leadAgentId,
      contactResult: input.contactResult,
      localDate: localDateAt(nowIso, tenant.timeZone),
      regionId: kase.regionId,
      agencyId: kase.agencyId,
      bucket: kase.bucket,
      checklist: input.checklist,
      hardship: input.hardshipReasons,
      willingness: input.willingness,
      abilityPerMonth: input.monthlyAbilityToPay?.amountMinor ?? null,
      satisfaction: input.satisfaction,
      promise: input.promiseToPay,
      evidence: evidenceColumn(input.evidenceIds),
      notes: input.notes,
      recordedAt: now,
      planProposal: null,
      checkInFar: farFlagOf(visit),
    };
    const writes: Write[] = [
      db.insert(visitOutcomes).values(outcomeRow),
      bumpVisit(db, tenantId, visit.id, version, { status: 'completed', updatedAt: now }),
      ...scheduled.statements,
    ];
    if (promise)
      writes.push(
        insertPromise(
          db,
          promiseRowOf(
            {
              id: promise.id,
              tenantId,
              caseId: kase.id,
              visitId: visit.id,
              channel: 'visit',
              recordedByKeyId: c.var.auth.keyId,
              amount: promise.amount,
              promisedDate: promise.dueDate,
              createdAt: now,
            },
            tenant.timeZone,
          ),
        ),
      );
    // Hardship reported: the pause the policy set is the customer's, read by every compliance path.
    const { pause } = decided.value;
    if (pause)
      writes.push(
        db.insert(followUpPauses).values({
          id: ports.newId('pau'),
          tenantId,
          customerId: kase.customerId,
          caseId: kase.id,
          visitId: visit.id,
          reasons: pause.reasons,
          startsAt: Date.parse(pause.from),
          endsAt: Date.parse(pause.until),
          createdAt: now,
        }),
      );
    // Guarded on the status read: a cure that intake committed meanwhile is not overwritten.
    const moved = caseTransitionStatement(c.var.services.d1, tenantId, kase, 'visit_completed', now);
    if (moved) writes.push(moved);

    const { committed } = await audited(
      c,
      {
        action: 'visit.outcome-recorded',
        subjectType: 'visit',
        subjectId: visit.id,
        data: {
          contactResult: input.contactResult,
          followUps: decided.value.followUps.map((f) => f.kind),
          reasons: decided.value.reasons,
          decidedBy: decidedBy(deciding, set),
          pause,
        },
      },
      writes,
      { holds: versionHolds('visits', tenantId, visit.id, version) },
      [
        businessEvent('visit.completed', kase.id, visit.id, {
          visitId: visit.id,
          completedAt: nowIso,
          contactResult: input.contactResult,
        }),
        businessEvent('visit.outcome_recorded', kase.id, visit.id, {
          visitId: visit.id,
          recordedAt: nowIso,
          contactResult: input.contactResult,
          rightPartyContact: rightPartyResults.includes(input.contactResult),
          hardshipReasons: input.hardshipReasons,
          willingness: input.willingness,
          monthlyAbilityToPayMinor: input.monthlyAbilityToPay?.amountMinor ?? null,
          satisfaction: input.satisfaction,
          currency: kase.currency,
        }),
        ...(promise ? [promiseMade(promise, kase.id, { visitId: visit.id, channel: 'visit' })] : []),
      ],
    );
    if (!committed) throw staleVersion();
    const updated = { ...visit, status: 'completed' as const, updatedAt: now, version: version + 1 };
    c.header('ETag', etagOf(updated.version));
    return c.json(visitBody(updated, { row: outcomeRow, currency: kase.currency }, false), 200);
  });
}
