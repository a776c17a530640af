import { z } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { cases, screeningDecisions } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { findCase } from '../../repositories/cases';
import { caseScope } from '../../repositories/scope';
import { DecidedBySchema, decidedByOf } from './decided-by-schema';
import { partnerRoute } from './partner-route';
import { idParam, isoOf, problems } from './schemas';

/** A case is screened again and again; the newest decisions are the ones anyone reads. */
const DECISIONS_LISTED = 20;

const ScreeningDecisionSchema = z
  .object({
    id: z.string(),
    eligible: z.boolean(),
    priority: z.number().nullable(),
    reasons: z
      .array(z.record(z.string(), z.unknown()))
      .openapi({ description: 'Every screening and compliance plugin’s reasons: code, data, message.' }),
    decidedAt: z.string(),
    decidedBy: DecidedBySchema.nullable(),
  })
  .openapi('ScreeningDecision');

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency'], {
  method: 'get',
  path: '/v1/cases/{caseId}/screening-decisions',
  tags: ['Cases'],
  operationId: 'listCaseScreeningDecisions',
  summary: 'Why a case was (or was not) chosen for a visit',
  description: `The case's screening decisions, newest first (at most ${DECISIONS_LISTED}): eligibility, priority, each plugin's reasons, and which policy set and experiment arm decided. An unknown or out-of-scope case is 404, as the case itself.`,
  request: { params: idParam('caseId', 'case') },
  responses: {
    200: {
      description: 'Decisions',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(ScreeningDecisionSchema) }).openapi('ScreeningDecisionList'),
        },
      },
    },
    ...problems(404),
  },
});

export function registerListCaseScreeningDecisions(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    // The case first, in the key's scope: another tenant's or agency's case is 404 like the case.
    const [kase, rows] = await Promise.all([
      findCase(c.var.services.db, c.var.auth, caseId),
      c.var.services.db
        .select({ decision: screeningDecisions })
        .from(screeningDecisions)
        .innerJoin(
          cases,
          and(eq(cases.tenantId, screeningDecisions.tenantId), eq(cases.id, screeningDecisions.caseId)),
        )
        .where(and(caseScope(c.var.auth), eq(screeningDecisions.caseId, caseId)))
        .orderBy(desc(screeningDecisions.decidedAt), desc(screeningDecisions.id))
        .limit(DECISIONS_LISTED)
        .all(),
    ]);
    if (!kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    return c.json(
      {
        items: rows.map(({ decision }) => ({
          id: decision.id,
          eligible: decision.eligible,
          priority: decision.priority,
          reasons: decision.reasons as Record<string, unknown>[],
          decidedAt: isoOf(decision.decidedAt),
          decidedBy: decidedByOf(decision.decidedBy),
        })),
      },
      200,
    );
  });
}
