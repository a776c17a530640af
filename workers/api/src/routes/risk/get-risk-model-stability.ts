import { toInstant } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { activeResolved } from '../../repositories/policy-sets';
import { portfolioStability } from '../../risk/stability';
import { partnerRoute } from '../v1/partner-route';
import { problems } from '../v1/schemas';

const QuerySchema = z.object({
  sample: z.coerce
    .number()
    .int()
    .min(100)
    .max(5_000)
    .default(2_000)
    .openapi({ description: 'Accounts with statements to read (a random sample: account ids are random).' }),
});

const StabilityRowSchema = z
  .object({
    name: z.string().openapi({ description: '`score` or a model feature id.', example: 'utilisation0' }),
    psi: z.number().nullable().openapi({ description: 'Null when no account could be scored.' }),
    level: z.enum(['stable', 'drifting', 'shifted', 'no-data']).openapi({
      description: 'PSI < 0.1 stable, 0.1–0.25 drifting, ≥ 0.25 shifted: retrain or review.',
    }),
    bins: z.array(
      z.object({
        upTo: z.number().nullable().openapi({ description: 'Upper edge (included); null for the last bin.' }),
        expected: z.number().openapi({ description: 'Share of the training rows in the bin.' }),
        actual: z.number().openapi({ description: 'Share of this portfolio in the bin.' }),
      }),
    ),
  })
  .openapi('StabilityRow');

const StabilityReportSchema = z
  .object({
    modelId: z.string(),
    modelVersion: z.string(),
    sampled: z.number().int().openapi({ description: 'Accounts read.' }),
    population: z.number().int().openapi({ description: 'Of those, accounts the model could score.' }),
    score: StabilityRowSchema,
    features: z.array(StabilityRowSchema),
  })
  .openapi('RiskModelStabilityReport');

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/reports/risk-model-stability',
  operationId: 'getRiskModelStability',
  tags: ['Reports', 'Early warnings'],
  summary: 'Population stability of the risk model on this portfolio',
  description:
    'PSI of the score and of every model feature between the rows the active risk model was trained on and the tenant’s accounts with statements now. A shifted score or feature means the model no longer sees the population it learnt from: see docs/risk-model.md for retraining.',
  request: { query: QuerySchema },
  responses: {
    200: {
      description: 'The stability report',
      content: { 'application/json': { schema: StabilityReportSchema } },
    },
    ...problems(404),
  },
});

export function registerGetRiskModelStability(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { sample } = c.req.valid('query');
    const { tenantId } = c.var.auth;
    const { set } = await activeResolved(c.var.services.db, tenantId);
    if (set.riskModel === null)
      throw new ApiError('RESOURCE.NOT_FOUND', 'The active policy set has no risk model.');
    const { d1, ports } = c.var.services;
    const report = await portfolioStability(d1, tenantId, set.riskModel.fns, sample, toInstant(ports.now()));
    return c.json(report, 200);
  });
}
