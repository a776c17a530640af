import { freeText } from '@doorstep/core';
import { effectReport, parseExperimentDefinition } from '@doorstep/evaluation';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { armCounts, findExperiment } from '../../reports/experiments';
import { experimentArmsQuery } from '../../reports/kpi-sql';
import { reportTenant } from '../../reports/tenant-settings';
import { reportWindow } from '../../reports/window';
import { audited } from '../../repositories/audit';
import { partnerRoute } from '../v1/partner-route';
import { idParam, LocalDateSchema, problems } from '../v1/schemas';

const CreateExperimentSchema = z
  .object({
    name: freeText({ min: 1, max: 200 }),
    holdoutShare: z.number().gt(0).lt(1).openapi({ example: 0.2 }),
    challenger: z
      .object({ policySetVersion: z.string().min(1), share: z.number().gt(0).lt(1) })
      .nullable()
      .default(null),
    stratifyBy: z.enum(['bucket']).nullable().default('bucket'),
    minimumDetectableEffect: z.number().gt(0).lt(1).openapi({ example: 0.05 }),
    baselineCureRate: z.number().gt(0).lt(1).nullable().default(null),
  })
  .openapi('CreateExperiment');

const ExperimentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['running', 'stopped']),
    definition: z.object({
      holdoutShare: z.number(),
      challenger: z.object({ policySetVersion: z.string(), share: z.number() }).nullable(),
      stratifyBy: z.enum(['bucket']).nullable(),
      minimumDetectableEffect: z.number(),
      baselineCureRate: z.number().nullable(),
    }),
    enrolment: z.array(z.object({ arm: z.string(), eligible: z.boolean(), cases: z.number().int() })),
    createdAt: z.string(),
  })
  .openapi('Experiment');

const createRoute = partnerRoute(['admin', 'supervisor'], {
  method: 'post',
  path: '/v1/experiments',
  tags: ['Experiments'],
  summary: 'Start an experiment: a random holdout and/or a challenger policy set',
  description:
    'Every screened case is enrolled by a deterministic hash of its id and the experiment salt, stratified by bucket; the enrolment runs through the queue. Compliance always wins: an excluded case keeps its drawn arm on record but is never visited.',
  request: { body: { content: { 'application/json': { schema: CreateExperimentSchema } }, required: true } },
  responses: {
    201: { description: 'Started', content: { 'application/json': { schema: ExperimentSchema } } },
    ...problems(),
  },
});

const getRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/experiments/{experimentId}',
  tags: ['Experiments'],
  summary: 'An experiment and how many cases each arm holds',
  request: { params: idParam('experimentId', 'exp') },
  responses: {
    200: { description: 'The experiment', content: { 'application/json': { schema: ExperimentSchema } } },
    ...problems(404),
  },
});

const IntervalSchema = z.object({ estimate: z.number(), lower: z.number(), upper: z.number() }).passthrough();
const EffectReportSchema = z
  .object({
    experimentId: z.string(),
    currency: z.string(),
    confidence: z.number(),
    arms: z.record(z.string(), z.unknown()),
    visitedVsHoldout: z.object({ cureRateDifference: IntervalSchema.nullable() }).passthrough(),
    challengerVsChampion: z.unknown().nullable(),
    warnings: z.array(
      z.object({ code: z.string(), message: z.string(), data: z.record(z.string(), z.unknown()) }),
    ),
  })
  .openapi('EffectReport');

const effectRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/experiments/{experimentId}/effect',
  tags: ['Experiments'],
  summary: 'The effect of visits: cure-rate and recovery differences with 95% intervals',
  description:
    'Intention to treat over eligible enrolled cases: cure-rate difference visited − holdout (Newcombe hybrid score), recovered per case (Welch), and a warning when the arms are too small for the minimum detectable effect.',
  request: {
    params: idParam('experimentId', 'exp'),
    query: z.object({ from: LocalDateSchema, to: LocalDateSchema }),
  },
  responses: {
    200: {
      description: 'The effect report',
      content: { 'application/json': { schema: EffectReportSchema } },
    },
    ...problems(404),
  },
});

const experimentBody = (
  experiment: NonNullable<Awaited<ReturnType<typeof findExperiment>>>,
  enrolment: Awaited<ReturnType<typeof armCounts>>,
) => ({
  id: experiment.id,
  name: experiment.name,
  status: experiment.status,
  definition: {
    holdoutShare: experiment.definition.holdoutShare,
    challenger: experiment.definition.challenger,
    stratifyBy: experiment.definition.stratifyBy,
    minimumDetectableEffect: experiment.definition.minimumDetectableEffect,
    baselineCureRate: experiment.definition.baselineCureRate,
  },
  enrolment,
  createdAt: new Date(experiment.createdAt).toISOString(),
});

const emptyArm = { cases: 0, cured: 0, recovered: { n: 0, sum: 0, sumOfSquares: 0 } };

export function registerExperiments(app: ReturnType<typeof createRouter>) {
  app.openapi(createRoute, async (c) => {
    const { name, ...body } = c.req.valid('json');
    const { auth, services } = c.var;
    const id = services.ports.newId('exp');
    // The salt is secret to nobody but chosen by nobody either: a fresh random value per experiment.
    const salt = services.ports.newId('salt');
    const parsed = parseExperimentDefinition({ id, salt, ...body });
    if (!parsed.ok) {
      throw new ApiError('REQUEST.INVALID', 'The experiment definition is not valid; see `errors`.', {
        errors: parsed.error.map((issue) => ({ path: issue.path, message: issue.message })),
      });
    }
    const now = services.ports.now();
    await audited(
      c,
      { action: 'experiment.started', subjectType: 'experiment', subjectId: id, data: { name } },
      [
        services.d1
          .prepare(
            `INSERT INTO experiments (id, tenant_id, name, definition, status, created_at) VALUES (?, ?, ?, ?, 'running', ?)`,
          )
          .bind(id, auth.tenantId, name, JSON.stringify(parsed.value), now),
      ],
    );
    await c.env.JOBS.send({
      type: 'experiment.assign',
      v: 1,
      tenantId: auth.tenantId,
      experimentId: id,
      afterCaseId: null,
    });
    const stored = await findExperiment(services.d1, auth.tenantId, id);
    c.header('Location', `/v1/experiments/${id}`);
    return c.json(experimentBody(stored!, []), 201);
  });

  app.openapi(getRoute, async (c) => {
    const { auth, services } = c.var;
    const { experimentId } = c.req.valid('param');
    const experiment = await findExperiment(services.d1, auth.tenantId, experimentId);
    if (!experiment) throw new ApiError('RESOURCE.NOT_FOUND', 'No such experiment.');
    return c.json(experimentBody(experiment, await armCounts(services.d1, auth.tenantId, experimentId)), 200);
  });

  app.openapi(effectRoute, async (c) => {
    const { auth, services } = c.var;
    const { experimentId } = c.req.valid('param');
    const { from, to } = c.req.valid('query');
    const experiment = await findExperiment(services.d1, auth.tenantId, experimentId);
    if (!experiment) throw new ApiError('RESOURCE.NOT_FOUND', 'No such experiment.');
    const tenant = await reportTenant(services, auth.tenantId);
    const query = experimentArmsQuery(
      auth.tenantId,
      experimentId,
      reportWindow(from, to, 'month', tenant.timeZone),
    );
    const { results } = await services.d1
      .prepare(query.sql)
      .bind(...query.binds)
      .all<{
        arm: string;
        cases: number;
        cured: number;
        recovered_sum: number;
        recovered_sum_of_squares: number;
      }>();
    const arm = (name: string) => {
      const row = results.find((r) => r.arm === name);
      return row
        ? {
            cases: row.cases,
            cured: row.cured,
            recovered: { n: row.cases, sum: row.recovered_sum, sumOfSquares: row.recovered_sum_of_squares },
          }
        : emptyArm;
    };
    const report = effectReport({
      experiment: experiment.definition,
      currency: tenant.currency,
      arms: {
        holdout: arm('holdout'),
        champion: arm('champion'),
        challenger: experiment.definition.challenger ? arm('challenger') : null,
      },
    });
    return c.json(report, 200);
  });
}
