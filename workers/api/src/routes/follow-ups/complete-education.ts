import { EducationTopicSchema } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import { and, eq, sql } from 'drizzle-orm';
import { cases } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { auditStatement } from '../../repositories/audit';
import { caseScope } from '../../repositories/scope';
import { announceStatements, dispatchDeliveries } from '../../webhooks/outbox';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';

export const route = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  operationId: 'completeEducationModule',
  method: 'post',
  path: '/v1/cases/{caseId}/education/{moduleId}/complete',
  tags: ['Follow-ups'],
  summary: 'Complete an education module',
  description:
    'Records that the customer completed an assigned financial-education module and announces ' +
    '`education.completed`. Completing it again answers the first completion.',
  request: {
    params: idParam('caseId', 'case').extend({
      moduleId: EducationTopicSchema.openapi({
        param: { name: 'moduleId', in: 'path' },
        example: 'budgeting',
      }),
    }),
  },
  responses: {
    200: {
      description: 'Completed',
      content: {
        'application/json': {
          schema: z
            .object({ caseId: z.string(), moduleId: z.string(), completedAt: z.string() })
            .openapi('EducationCompletion'),
        },
      },
    },
    ...problems(404),
  },
});

export function registerCompleteEducation(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId, moduleId } = c.req.valid('param');
    const { db, d1, ports } = c.var.services;
    const tenantId = c.var.auth.tenantId;
    const visible = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(caseScope(c.var.auth), eq(cases.id, caseId)))
      .get();
    if (visible === undefined) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    const now = ports.now();
    const open = {
      sql: `EXISTS (SELECT 1 FROM education_assignments WHERE tenant_id = ? AND case_id = ? AND module_id = ? AND completed_at IS NULL)`,
      binds: [tenantId, caseId, moduleId],
    };
    // Events first: they are guarded on the assignment still being open, which the last statement closes.
    const announced = announceStatements(d1, ports, {
      tenantId,
      sourceId: `edu:${caseId}:${moduleId}`,
      events: [{ type: 'education.completed', caseId, data: { moduleId } }],
      now,
      guard: open,
    });
    const results = await d1.batch([
      ...announced.statements,
      d1
        .prepare(
          `UPDATE education_assignments SET completed_at = ? WHERE tenant_id = ? AND case_id = ? AND module_id = ? AND completed_at IS NULL`,
        )
        .bind(now, tenantId, caseId, moduleId),
      // Only when the update just before closed an open assignment: a module never assigned is a 404.
      auditStatement(
        c,
        { action: 'education.completed', subjectType: 'case', subjectId: caseId, data: { moduleId } },
        sql`changes() = 1`,
      ),
      d1
        .prepare(
          `SELECT completed_at FROM education_assignments WHERE tenant_id = ? AND case_id = ? AND module_id = ?`,
        )
        .bind(tenantId, caseId, moduleId),
    ]);
    const completedAt = (results.at(-1)?.results[0] as { completed_at: number } | undefined)?.completed_at;
    if (completedAt === undefined)
      throw new ApiError('RESOURCE.NOT_FOUND', 'This module was not assigned to the case.');
    await dispatchDeliveries(c.env.JOBS, tenantId, results, announced.deliveryStatementIndexes);
    return c.json({ caseId, moduleId, completedAt: new Date(completedAt).toISOString() }, 200);
  });
}
