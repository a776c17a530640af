import { FOLLOW_UP_STANCES } from '@doorstep/core';
import { decideLessonOffer } from '@doorstep/education';
import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { judgeOnCase } from '../../compliance/fire-time';
import {
  assignmentStatements,
  findAssignmentOfLesson,
  readCustomerOfferFacts,
} from '../../education/assignments';
import { educationTenant } from '../../education/lesson-store';
import { vetoSummary } from '../../follow-ups/action-statements';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { auditStatement } from '../../repositories/audit';
import { findCase } from '../../repositories/cases';
import { dispatchDeliveries } from '../../webhooks/outbox';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { assignmentBody, LessonAssignmentSchema, LessonIdSchema } from './lesson-schema';

const AssignLessonSchema = z
  .object({
    lessonId: LessonIdSchema,
    caseId: z
      .string()
      .min(6)
      .max(64)
      .openapi({ description: 'The customer’s case the lesson is offered on.' }),
  })
  .openapi('AssignLesson');

export const route = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  method: 'post',
  path: '/v1/customers/{customerId}/lessons',
  operationId: 'assignLesson',
  tags: ['Education'],
  summary: 'Offer a lesson to a customer now',
  description:
    'For an agent on a visit or a supervisor: assigns the lesson’s current version in the customer’s language and announces `education.assigned`. A lesson is a contact: the tenant’s compliance judges it as a supportive follow-up on the customer as they are now (cease-contact, deceased, bankruptcy, a dispute, Breathing Space … refuse it), and a customer who opted out of lessons gets none either: 422 `CONTACT.REFUSED` with every reason. A lesson already assigned answers 200 with that assignment.',
  request: {
    params: idParam('customerId', 'cus'),
    body: { content: { 'application/json': { schema: AssignLessonSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Already assigned',
      content: { 'application/json': { schema: LessonAssignmentSchema } },
    },
    201: { description: 'Assigned', content: { 'application/json': { schema: LessonAssignmentSchema } } },
    ...problems(404, 409),
  },
});

export function registerAssignLesson(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { customerId } = c.req.valid('param');
    const { lessonId, caseId } = c.req.valid('json');
    const { db, d1, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const [kase, tenant, facts] = await Promise.all([
      findCase(db, c.var.auth, caseId),
      educationTenant(d1, tenantId),
      readCustomerOfferFacts(d1, tenantId, customerId),
    ]);
    if (!kase || kase.customerId !== customerId || !facts)
      throw new ApiError('RESOURCE.NOT_FOUND', 'No such case of this customer.');
    const now = ports.now();
    // A lesson is a contact: the packs judge it as they judge every follow-up, on the customer as they are now.
    const { verdict, holds } = await judgeOnCase(d1, { tenantId, caseId }, FOLLOW_UP_STANCES.education, now);
    if (!verdict.allowed)
      throw new ApiError('CONTACT.REFUSED', verdict.vetoes.map((v) => v.message).join('; '), {
        extra: { reasons: vetoSummary(verdict.vetoes) },
      });
    const decision = decideLessonOffer({
      lessonId,
      jurisdiction: tenant.jurisdiction,
      customer: facts,
      alreadyAssigned: facts.assignedLessonIds.includes(lessonId),
      needsOptIn: false,
    });
    if (decision.kind === 'refuse')
      throw new ApiError('CONTACT.REFUSED', decision.reasons.map((r) => r.message).join('; '), {
        extra: { reasons: decision.reasons },
      });
    let createdId: string | null = null;
    if (decision.kind === 'assign') {
      const write = assignmentStatements(
        d1,
        ports,
        {
          tenantId,
          customerId,
          caseId,
          lesson: decision.lesson,
          language: decision.language,
          jurisdiction: tenant.jurisdiction,
          timeZone: tenant.timeZone,
          source: 'agent',
          sourceId: keyId,
          now,
        },
        holds,
      );
      const results = await d1.batch([
        ...write.statements,
        auditStatement(
          c,
          {
            action: 'lesson.assigned',
            subjectType: 'customer',
            subjectId: customerId,
            data: { assignmentId: write.id, caseId, lessonId, reasons: decision.reasons },
          },
          sql`EXISTS (SELECT 1 FROM lesson_assignments WHERE tenant_id = ${tenantId} AND id = ${write.id})`,
        ),
      ]);
      await dispatchDeliveries(c.env.JOBS, tenantId, results, write.deliveryStatementIndexes);
      createdId = write.id;
    }
    // Assigned just now, or earlier (by a follow-up, another agent, or a race this request lost).
    const row = await findAssignmentOfLesson(db, tenantId, customerId, lessonId);
    // The customer's facts changed between the judgement and the write (a flag, a pause): nothing was written.
    if (!row)
      throw new ApiError(
        'RESOURCE.CONFLICT',
        'The customer changed while the lesson was assigned; try again.',
      );
    const created = row.id === createdId;
    if (created) c.header('Location', `/v1/lesson-assignments/${row.id}`);
    return c.json(assignmentBody(row), created ? 201 : 200);
  });
}
