import { localDateAt, toInstant } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { lastDayOf, monthOf } from '../../reports/rollups/calendar';
import { findRuns, type RunRequest, type RunSummary, startRunStatement } from '../../reports/rollups/runs';
import { reportTenant } from '../../reports/tenant-settings';
import { audited } from '../../repositories/audit';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';

const RunSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['activity', 'cohort', 'effect']),
    subject: z.string().openapi({ description: 'The experiment of an `effect` rollup; empty otherwise.' }),
    period: z
      .string()
      .openapi({ description: 'The month (`YYYY-MM`) of an activity rollup, the month end of the others.' }),
    status: z.enum(['running', 'purging', 'done', 'failed']),
    reason: z.string(),
    statements: z.number().int(),
    d1Ms: z.number().openapi({ description: 'D1 time the run has spent so far, ms.' }),
    maxStatementMs: z.number().openapi({ description: 'Its longest statement, ms.' }),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi('RollupRun');

const runBody = (run: RunSummary) => ({
  ...run,
  createdAt: toInstant(run.createdAt),
  completedAt: run.completedAt === null ? null : toInstant(run.completedAt),
});

const rebuildRoute = partnerRoute(['admin'], {
  method: 'post',
  path: '/v1/reports/rollups/rebuilds',
  operationId: 'rebuildReportRollups',
  tags: ['Reports'],
  summary: 'Rebuild a month of rollups from the raw rows',
  description:
    "Recomputes, through the queue, the tenant's activity rollups of every day of the month (outcomes, agent-days, promises), its cohort rollup starting at the month end, and each experiment's effect rollup from that month end. Reports keep reading the previous rollups until each rebuild finishes. A rollup already being rebuilt is not started twice: its run is returned.",
  request: {
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              month: z
                .string()
                .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM')
                .openapi({ example: '2026-10' }),
            })
            .openapi('RollupRebuild'),
        },
      },
      required: true,
    },
  },
  responses: {
    202: {
      description: 'The runs, started or already under way',
      content: { 'application/json': { schema: z.object({ runs: z.array(RunSchema) }) } },
    },
    ...problems(),
  },
});

const runRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/reports/rollups/runs/{runId}',
  operationId: 'getRollupRun',
  tags: ['Reports'],
  summary: 'A rollup run: where it is and what it cost',
  request: { params: idParam('runId', 'rlr') },
  responses: {
    200: { description: 'The run', content: { 'application/json': { schema: RunSchema } } },
    ...problems(404),
  },
});

export function registerRollups(app: ReturnType<typeof createRouter>) {
  app.openapi(rebuildRoute, async (c) => {
    const { month } = c.req.valid('json');
    const { auth, services } = c.var;
    const tenant = await reportTenant(services, auth.tenantId);
    const today = localDateAt(toInstant(services.ports.now()), tenant.timeZone);
    if (month > monthOf(today)) {
      const message = `${month} has not begun in the tenant's calendar (today is ${today}).`;
      throw new ApiError('REQUEST.INVALID', message, { errors: [{ path: '/month', message }] });
    }
    const monthEnd = lastDayOf(month);
    const { results: experiments } = await services.d1
      .prepare('SELECT id FROM experiments WHERE tenant_id = ? ORDER BY id')
      .bind(auth.tenantId)
      .all<{ id: string }>();
    const requests: RunRequest[] = [
      { tenantId: auth.tenantId, kind: 'activity', subject: '', period: month, reason: 'rebuild' },
      { tenantId: auth.tenantId, kind: 'cohort', subject: '', period: monthEnd, reason: 'rebuild' },
      ...experiments.map(
        ({ id }): RunRequest => ({
          tenantId: auth.tenantId,
          kind: 'effect',
          subject: id,
          period: monthEnd,
          reason: 'rebuild',
        }),
      ),
    ];
    const ids = requests.map(() => services.ports.newId('rlr'));
    const { results } = await audited(
      c,
      {
        action: 'rollups.rebuild-requested',
        subjectType: 'rollup',
        subjectId: month,
        data: { runs: requests.length },
      },
      requests.map((request, i) => startRunStatement(services.d1, request, ids[i]!, services.ports.now())),
    );
    const runs: RunSummary[] = [];
    for (const [i, request] of requests.entries()) {
      const started = (results[i]?.results.length ?? 0) > 0;
      // Sent after the rows commit: a lost send leaves a stalled run, which the cron re-sends.
      if (started)
        await c.env.JOBS.send({
          type: 'rollup.run',
          v: 1,
          tenantId: auth.tenantId,
          runId: ids[i]!,
          cursor: '',
        });
      runs.push(
        ...(await findRuns(
          services.d1,
          auth.tenantId,
          started
            ? { id: ids[i]! }
            : { kind: request.kind, subject: request.subject, period: request.period, underWay: true },
        )),
      );
    }
    return c.json({ runs: runs.map(runBody) }, 202);
  });

  app.openapi(runRoute, async (c) => {
    const { runId } = c.req.valid('param');
    const [run] = await findRuns(c.var.services.d1, c.var.auth.tenantId, { id: runId });
    if (!run) throw new ApiError('RESOURCE.NOT_FOUND', 'No such rollup run.');
    return c.json(runBody(run), 200);
  });
}
