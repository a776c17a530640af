import { RULES_EXTENSION, withRule } from '@doorstep/core';
import { groupKeys, type KpiId, renderKpiTableCsv } from '@doorstep/evaluation';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { groupKeysFor, kpiReport, reportableKpis } from '../../reports/kpi-report';
import { requestedRollups } from '../../reports/rollups/source';
import { reportTenant } from '../../reports/tenant-settings';
import { reportWindow } from '../../reports/window';
import { partnerRoute } from '../v1/partner-route';
import { LocalDateSchema, problems } from '../v1/schemas';

const ParamsSchema = z.object({
  kpi: z
    .enum(reportableKpis as [KpiId, ...KpiId[]])
    .openapi({ param: { name: 'kpi', in: 'path' }, example: 'cure-rate' }),
});

// A key named twice grouped the SQL by the same column twice, and the report failed (found by pnpm fuzz).
const GROUP_KEYS_ONCE = 'Each group key at most once';

const QuerySchema = z.object({
  from: LocalDateSchema.openapi({ description: 'First local business date of the window (tenant zone).' }),
  to: LocalDateSchema.openapi({ description: 'Last local business date of the window, included.' }),
  groupBy: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : []))
    .pipe(
      withRule(
        z.array(z.enum(groupKeys)).max(3),
        GROUP_KEYS_ONCE,
        (keys) => new Set(keys).size === keys.length,
      ),
    )
    .openapi({
      description:
        'Comma-separated: period, region, agency, agent, bucket, lesson, language (each KPI allows some).',
      example: 'region',
      [RULES_EXTENSION]: [GROUP_KEYS_ONCE],
      pattern: `^(?:(?:${groupKeys.join('|')})(?:,(?:${groupKeys.join('|')})){0,2})?$`,
    }),
  period: z.enum(['day', 'week', 'month']).default('month'),
  format: z.enum(['json', 'csv']).default('json'),
});

const FreshnessSchema = z
  .union([
    z.object({
      source: z.literal('live'),
      asOf: z.string().openapi({ description: 'Rollups kept by every write: current as of this instant.' }),
    }),
    z.object({
      source: z.literal('built'),
      builtAt: z.string().openapi({ description: 'When a job last rebuilt this rollup from the raw rows.' }),
      monthEnd: z.string().openapi({ description: 'The month end the rollup starts from.' }),
    }),
  ])
  .openapi('RollupFreshness');

const KpiTableSchema = z
  .object({
    definitionId: z.string(),
    groupBy: z.array(z.enum(groupKeys)),
    rows: z.array(
      z.object({
        group: z.record(z.string(), z.string()),
        result: z
          .object({
            definitionId: z.string(),
            numerator: z.number(),
            denominator: z.number(),
            value: z.number().nullable(),
            currency: z.string().nullable(),
          })
          .passthrough(),
      }),
    ),
    freshness: FreshnessSchema,
  })
  .openapi('KpiTable');

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'getKpiReport',
  method: 'get',
  path: '/v1/reports/kpis/{kpi}',
  tags: ['Reports'],
  summary: 'A KPI over a window, optionally broken down',
  description:
    'Computed in D1 from rollups, by the definitions in docs/kpis.md; every value carries its numerator and denominator, and `value` is null when the denominator is 0. `freshness` (and the `Rollup-Built-At` header) says how current the rollups are. Cohort KPIs and roll rates start at a month end. A rollup not built yet answers 503 with Retry-After while it is built. `format=csv` returns RFC 4180 CSV.',
  request: { params: ParamsSchema, query: QuerySchema },
  responses: {
    200: {
      description: 'The KPI table',
      content: {
        'application/json': { schema: KpiTableSchema },
        'text/csv': { schema: z.string() },
      },
    },
    ...problems(503),
  },
});

export function registerGetKpiReport(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { kpi } = c.req.valid('param');
    const { from, to, groupBy, period, format } = c.req.valid('query');
    const unsupported = groupBy.filter((key) => !groupKeysFor(kpi).includes(key));
    if (unsupported.length > 0) {
      throw new ApiError('REQUEST.INVALID', `${kpi} cannot be broken down by ${unsupported.join(', ')}.`, {
        errors: [
          { path: '/groupBy', in: 'query', message: `supported: ${groupKeysFor(kpi).join(', ') || 'none'}` },
        ],
      });
    }
    const { auth, services } = c.var;
    const tenant = await reportTenant(services, auth.tenantId);
    const { table, freshness } = await kpiReport(
      services.d1,
      requestedRollups({ env: c.env, d1: services.d1 }, services.ports, auth.tenantId, () =>
        c.header('Retry-After', '60'),
      ),
      {
        tenantId: auth.tenantId,
        kpi,
        window: reportWindow(from, to, period, tenant.timeZone),
        groupBy,
        costPerVisitMinor: tenant.costPerVisitMinor,
        timeZone: tenant.timeZone,
        asOfMs: services.ports.now(),
      },
    );
    c.header('Rollup-Built-At', freshness.source === 'live' ? freshness.asOf : freshness.builtAt);
    if (format === 'csv') {
      return c.body(renderKpiTableCsv(table), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${kpi}-${from}-${to}.csv"`,
      });
    }
    return c.body(JSON.stringify({ ...table, freshness }), 200, { 'content-type': 'application/json' });
  });
}
