import { checkContact } from '@doorstep/compliance';
import { toInstant } from '@doorstep/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { tenantCompliance } from '../../compliance/enforce';
import { loadVisitFacts } from '../../compliance/visit-query';
import { cases } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findActiveAgents } from '../../repositories/agents';
import { audited } from '../../repositories/audit';
import { caseScope } from '../../repositories/scope';
import { partnerRoute } from '../v1/partner-route';
import { problems } from '../v1/schemas';
import { ContactCheckInputSchema, ContactCheckSchema } from './contact-check-schema';

/** A dialer's clock may run a little behind ours; earlier than this is a moment already gone. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const HORIZON_DAYS = 90;

export const route = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  method: 'post',
  path: '/v1/compliance/contact-checks',
  operationId: 'checkContact',
  tags: ['Compliance'],
  summary: 'May we contact this customer now? (visit, call, SMS, e-mail, letter)',
  description:
    'For dialers and partner apps before they reach a customer: the tenant’s compliance packs (the same combiner that guards visits) judge the channel at the proposed moment with the staff named, and answer allowed or refused with every rule’s reason and the next allowed windows. Flags, Breathing Space, hardship pauses and vulnerability speak for every channel; hours for visits, calls, texts and e-mails; the US frequency presumption for visits and calls; staff, notice, cool-down and caps only for visits. Nothing is recorded but an audit row; nothing is overridden (an override is per visit). Agency and agent keys ask only about customers of their cases.',
  request: {
    body: { content: { 'application/json': { schema: ContactCheckInputSchema } }, required: true },
  },
  responses: {
    200: { description: 'The answer', content: { 'application/json': { schema: ContactCheckSchema } } },
    ...problems(404),
  },
});

export function registerCheckContact(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const now = ports.now();
    const at = Date.parse(input.at);
    if (at < now - CLOCK_SKEW_MS || at > now + HORIZON_DAYS * DAY_MS)
      throw new ApiError('REQUEST.INVALID', 'The proposed moment must be between now and 90 days on.', {
        errors: [
          {
            path: '/at',
            in: 'body',
            message: at < now ? 'In the past' : `More than ${HORIZON_DAYS} days ahead`,
          },
        ],
      });
    const [kase, staff] = await Promise.all([
      // The customer's live case first (within the key's scope), else the latest: compliance is the person's.
      db
        .select({ id: cases.id })
        .from(cases)
        .where(and(caseScope(c.var.auth), eq(cases.customerId, input.customerId)))
        .orderBy(asc(sql`${cases.status} IN ('cured', 'closed')`), desc(cases.openedAt))
        .get(),
      input.staffIds.length === 0 ? [] : findActiveAgents(db, tenantId, input.staffIds),
    ]);
    if (!kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such customer.');
    const unknown = input.staffIds.findIndex((id) => !staff.some((agent) => agent.id === id));
    if (unknown >= 0)
      throw new ApiError('REQUEST.INVALID', 'Every staff member must be an active agent of the tenant.', {
        errors: [{ path: `/staffIds/${unknown}`, in: 'body', message: 'Not an active agent' }],
      });
    const facts = await loadVisitFacts(db, tenantId, kase.id, null);
    if (!facts) throw new ApiError('RESOURCE.NOT_FOUND', 'No such customer.');
    const answer = checkContact(
      tenantCompliance(facts).compliance,
      facts.query,
      {
        channel: input.channel,
        at: toInstant(at),
        staff: input.staffIds.map((agentId) => ({ agentId: agentId as `agt_${string}` })),
        purpose: input.purpose,
        horizonDays: 14,
        maxWindows: 5,
      },
      toInstant(now),
    );
    const reasons = answer.vetoes.map(({ rule, code, data, message, overridable }) => ({
      rule,
      code,
      data,
      message,
      overridable,
    }));
    await audited(
      c,
      {
        action: 'compliance.contact-checked',
        subjectType: 'customer',
        subjectId: input.customerId,
        data: {
          caseId: kase.id,
          channel: input.channel,
          at: toInstant(at),
          purpose: input.purpose,
          staffIds: input.staffIds,
          allowed: answer.allowed,
          rules: reasons.map((reason) => reason.rule),
        },
      },
      [],
    );
    return c.json(
      {
        allowed: answer.allowed,
        customerId: input.customerId,
        caseId: kase.id,
        channel: input.channel,
        at: toInstant(at),
        purpose: input.purpose,
        reasons,
        nextWindows: [...answer.nextWindows],
      },
      200,
    );
  });
}
