import { z } from '@hono/zod-openapi';
import { WRITERS } from '../../auth/roles';
import { screeningRuns } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { DEFAULT_VERSION } from '../../repositories/policy-sets';
import { type RunRef, screenChunk } from '../../screening/chunk';
import { findRun, findTenantPolicy } from '../../screening/runs';
import { partnerRoute } from './partner-route';
import { problems } from './schemas';
import { ScreeningFilterSchema, ScreeningRunSchema, screeningRunBody } from './screening-schema';

const CreateSchema = z.object({ filter: ScreeningFilterSchema.default({}) }).openapi('ScreeningCreate');

const runContent = { 'application/json': { schema: ScreeningRunSchema } };

const createScreeningExample = { filter: { status: 'open', bucket: 'M2' } } satisfies z.input<
  typeof CreateSchema
>;

export const route = partnerRoute(WRITERS, {
  operationId: 'createScreening',
  method: 'post',
  path: '/v1/screenings',
  tags: ['Screening'],
  summary: 'Screen cases',
  description:
    'Runs the tenant’s active screening policy over the matching cases: eligibility, priority and reasons per case. The first chunk runs inline; a run that does not finish there continues on the queue (202) — poll `Location`.',
  request: {
    body: {
      content: { 'application/json': { schema: CreateSchema, example: createScreeningExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Completed inline', content: runContent },
    202: { description: 'Running on the queue', content: runContent },
    ...problems(409),
  },
});

export function registerCreateScreening(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { filter } = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const found = await findTenantPolicy(db, tenantId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'The tenant of this key no longer exists.');
    const policyVersion = found.policy?.version ?? DEFAULT_VERSION;
    const run: RunRef = { id: ports.newId('scr'), tenantId, filter, policyVersion, afterCaseId: null };
    const chunk = await screenChunk(db, ports, run, found);
    await audited(
      c,
      {
        action: 'screening.started',
        subjectType: 'screening_run',
        subjectId: run.id,
        data: { filter, policyVersion },
      },
      [
        db.insert(screeningRuns).values({ ...run, status: 'running', createdAt: ports.now() }),
        ...chunk.writes,
      ],
    );
    if (!chunk.done)
      await c.env.JOBS.send({
        type: 'screening.run',
        v: 1,
        tenantId,
        runId: run.id,
        afterCaseId: chunk.lastCaseId,
      });
    const stored = await findRun(db, tenantId, run.id);
    if (!stored) throw new Error('screening run vanished after insert');
    c.header('Location', `/v1/screenings/${run.id}`);
    return chunk.done ? c.json(screeningRunBody(stored), 201) : c.json(screeningRunBody(stored), 202);
  });
}
