import { z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { cases, followUpTimers } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findCase } from '../../repositories/cases';
import { caseScope } from '../../repositories/scope';
import { DecidedBySchema, decidedByOf } from './decided-by-schema';
import { partnerRoute } from './partner-route';
import { idParam, isoOf, problems } from './schemas';

const FollowUpSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'promise_check' }),
    dueAt: z.string(),
    state: z.enum(['pending', 'enqueued', 'claimed', 'done', 'cancelled', 'failed', 'suppressed']).openapi({
      description:
        '`suppressed`: compliance barred the follow-up when it fell due (a flag, Breathing Space, a hardship pause); `result` names the rule. Nothing suppressed is taken later.',
    }),
    reason: z.unknown().openapi({ description: 'Why this follow-up: a reason code with data.' }),
    decidedBy: DecidedBySchema.nullable().openapi({
      description: 'The policy set whose follow-up policy scheduled it; null for timers the engine added.',
    }),
    result: z.unknown().openapi({
      description:
        'What it did when it fired (`action`, `reasons`), or for a suppressed one the `rule` and the vetoes; null before.',
    }),
  })
  .openapi('FollowUp');

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'listCaseFollowUps',
  method: 'get',
  path: '/v1/cases/{caseId}/follow-ups',
  tags: ['Follow-ups'],
  summary: 'A case’s follow-ups',
  description:
    'Reminders, promise checks, revisits, education and reviews scheduled on durable timers, by due time. An unknown or out-of-scope case is 404, as the case itself.',
  request: { params: idParam('caseId', 'case') },
  responses: {
    200: {
      description: 'Follow-ups',
      content: {
        'application/json': { schema: z.object({ items: z.array(FollowUpSchema) }).openapi('FollowUpList') },
      },
    },
    ...problems(404),
  },
});

export function registerListCaseFollowUps(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    // The case first, in the key's scope: a list of another tenant's or agency's case is 404 like the case.
    const [kase, rows] = await Promise.all([
      findCase(c.var.services.db, c.var.auth, caseId),
      c.var.services.db
        .select({ timer: followUpTimers })
        .from(followUpTimers)
        .innerJoin(
          cases,
          and(eq(cases.tenantId, followUpTimers.tenantId), eq(cases.id, followUpTimers.caseId)),
        )
        .where(and(caseScope(c.var.auth), eq(followUpTimers.caseId, caseId)))
        .orderBy(asc(followUpTimers.dueAt), asc(followUpTimers.id))
        .all(),
    ]);
    if (!kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    return c.json(
      {
        items: rows.map(({ timer }) => ({
          id: timer.id,
          kind: timer.kind,
          dueAt: isoOf(timer.dueAt),
          state: timer.state,
          reason: timer.reason,
          decidedBy: decidedByOf(timer.decidedBy),
          result: timer.result ?? null,
        })),
      },
      200,
    );
  });
}
