import { freeText } from '@doorstep/core';
import { effectReport, parseExperimentDefinition } from '@doorstep/evaluation';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { armCounts, findExperiment } from '../../reports/experiments';
import { effectMonthEnd } from '../../reports/kpi-report';
import { effectRollupQuery } from '../../reports/rollups/effect-sql';
import { requestedRollups } from '../../reports/rollups/source';
import { reportTenant } from '../../reports/tenant-settings';
import { reportWindow } from '../../reports/window';
import { audited } from '../../repositories/audit';
import { findActive, findVersion, policyProblem, validatePolicySet } from '../../repositories/policy-sets';
import { partnerRoute } from '../v1/partner-route';
import { idParam, LocalDateSchema, problems } from '../v1/schemas';

const CreateExperimentSchema = z
  .object({
    name: freeText({ min: 1, max: 200 }),
    holdoutShare: z.number().gt(0).lt(1).openapi({ example: 0.2 }),
    challenger: z
      .object({
        policySetVersion: z
          .union([z.number().int().positive(), z.string().regex(/^[1-9][0-9]{0,8}$/)])
          .openapi({
            description:
              'A stored policy-set version (`POST /v1/policy-set/versions` with `activate: false`) that decides for the challenger arm at every stage it covers.',
            example: 2,
          }),
        share: z.number().gt(0).lt(1),
      })
      .nullable()
      .default(null),
    stratifyBy: z.enum(['bucket']).nullable().default('bucket'),
    minimumDetectableEffect: z.number().gt(0).lt(1).openapi({ example: 0.05 }),
    baselineCureRate: z.number().gt(0).lt(1).nullable().default(null),
  })
  .openapi('CreateExperiment');

export const ExperimentSchema = z
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

const createExperimentExample = {
  name: 'Visits against a holdout, Q1 2027',
  holdoutShare: 0.1,
  minimumDetectableEffect: 0.05,
} satisfies z.input<typeof CreateExperimentSchema>;

const createRoute = partnerRoute(['admin', 'supervisor'], {
  operationId: 'createExperiment',
  method: 'post',
  path: '/v1/experiments',
  tags: ['Experiments'],
  summary: 'Start an experiment: a random holdout and/or a challenger policy set',
  description:
    'Every screened case is enrolled by a deterministic hash of its id and the experiment salt, stratified by bucket; the enrolment runs through the queue. Compliance always wins: an excluded case keeps its drawn arm on record but is never visited. With a `challenger`, the named stored policy set screens, prepares, proposes plans and schedules follow-ups for the cases of the challenger arm (its compliance list aside: every arm answers to the tenant’s compliance), and each of those decisions records it (`decidedBy`). One challenger experiment runs at a time (409 otherwise); a version that does not exist or no longer resolves is refused with its path.',
  request: {
    body: {
      content: { 'application/json': { schema: CreateExperimentSchema, example: createExperimentExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Started', content: { 'application/json': { schema: ExperimentSchema } } },
    ...problems(409),
  },
});

const getRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'getExperiment',
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
    freshness: z.object({ source: z.literal('built'), builtAt: z.string(), monthEnd: z.string() }),
  })
  .openapi('EffectReport');

const effectRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'getExperimentEffect',
  method: 'get',
  path: '/v1/experiments/{experimentId}/effect',
  tags: ['Experiments'],
  summary:
    'The effect of visits and of a challenger: cure rate, recovery and promise-kept rate with 95% intervals',
  description:
    'Intention to treat over eligible enrolled cases, per arm (holdout, champion, challenger) and compared (visited − holdout, challenger − champion): cure-rate difference (Newcombe hybrid score), recovered per case (Welch), promise-kept rate over the promises due in the window (Newcombe), and a warning when the arms are too small for the minimum detectable effect. Read from a rollup built per month end: `from` is a month end, `to` at most 12 month ends later; `freshness` says when it was built, and a rollup not built yet answers 503 with Retry-After.',
  request: {
    params: idParam('experimentId', 'exp'),
    query: z.object({ from: LocalDateSchema, to: LocalDateSchema }),
  },
  responses: {
    200: {
      description: 'The effect report',
      content: { 'application/json': { schema: EffectReportSchema } },
    },
    ...problems(404, 503),
  },
});

export const experimentBody = (
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

const emptyArm = {
  cases: 0,
  cured: 0,
  recovered: { n: 0, sum: 0, sumOfSquares: 0 },
  promises: { due: 0, kept: 0 },
};

const CHALLENGER_PATH = '/challenger/policySetVersion';

/**
 * A challenger must be a stored version other than the active one that still resolves against this
 * deployment's plugins, and no other challenger experiment may be running: a case in two challenger
 * arms would have two sets deciding for it.
 */
async function assertChallengerUsable(
  services: { db: Parameters<typeof findVersion>[0]; d1: D1Database },
  tenantId: string,
  version: number,
) {
  const [stored, active, running] = await Promise.all([
    findVersion(services.db, tenantId, version),
    findActive(services.db, tenantId),
    services.d1
      .prepare(
        `SELECT id FROM experiments WHERE tenant_id = ? AND status = 'running' AND json_extract(definition, '$.challenger') IS NOT NULL LIMIT 1`,
      )
      .bind(tenantId)
      .first<{ id: string }>(),
  ]);
  const invalid = (message: string) =>
    new ApiError('REQUEST.INVALID', 'The challenger cannot run; see `errors`.', {
      errors: [{ path: CHALLENGER_PATH, in: 'body', message }],
    });
  if (!stored) throw invalid(`No stored policy-set version ${version}`);
  if (active?.version === version) throw invalid(`Version ${version} is the active set, the champion itself`);
  const resolved = validatePolicySet(stored.document);
  if (!resolved.ok) throw policyProblem(resolved.error, `/policy-set/versions/${version}`);
  if (running)
    throw new ApiError(
      'RESOURCE.CONFLICT',
      `Experiment ${running.id} already runs a challenger; stop it before starting another.`,
    );
}

export function registerExperiments(app: ReturnType<typeof createRouter>) {
  app.openapi(createRoute, async (c) => {
    const { name, challenger: requested, ...rest } = c.req.valid('json');
    const { auth, services } = c.var;
    const challenger =
      requested === null ? null : { ...requested, policySetVersion: String(requested.policySetVersion) };
    if (challenger !== null)
      await assertChallengerUsable(services, auth.tenantId, Number(challenger.policySetVersion));
    const body = { ...rest, challenger };
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
    const window = reportWindow(from, to, 'month', tenant.timeZone);
    const monthEnd = effectMonthEnd(window);
    const head = await requestedRollups({ env: c.env, d1: services.d1 }, services.ports, auth.tenantId, () =>
      c.header('Retry-After', '60'),
    ).head('effect', experimentId, monthEnd);
    const query = effectRollupQuery(head.runId, monthEnd, window.to);
    const { results } = await services.d1
      .prepare(query.sql)
      .bind(...query.binds)
      .all<{
        arm: string;
        cases: number;
        cured: number;
        recovered_sum: number;
        recovered_sum_of_squares: number;
        promises_due: number;
        promises_kept: number;
      }>();
    const arm = (name: string) => {
      const row = results.find((r) => r.arm === name);
      return row
        ? {
            cases: row.cases,
            cured: row.cured,
            recovered: { n: row.cases, sum: row.recovered_sum, sumOfSquares: row.recovered_sum_of_squares },
            promises: { due: row.promises_due, kept: row.promises_kept },
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
    const freshness = { source: 'built' as const, builtAt: new Date(head.builtAt).toISOString(), monthEnd };
    return c.json({ ...report, freshness }, 200);
  });
}
