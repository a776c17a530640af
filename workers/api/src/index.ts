// First, before any module builds a zod schema: zod copies `.openapi()` onto a schema when it is
// created, so schemas the domain packages create at import time have it only if this ran before them.
import '@hono/zod-openapi';
import { sweepDueTimers } from './follow-ups/sweep';
import { createApp } from './http/app';
import { sealIntakeSecrets } from './intake/seal-secrets';
import { createQueueHandler } from './jobs/consumer';
import { jobHandlers } from './jobs/registry';
import { resendStalledWork } from './jobs/stalled-work';
import { type RuntimePorts, runtimePorts } from './ports/runtime';
import { sweepAfterCure } from './relationship/after-cure-sweep';
import { startRollupRuns } from './reports/rollups/sweep';
import { startRetentionRuns } from './retention/start';
import { startRiskRuns } from './risk/runs';
import { registerRoutes } from './routes';
import { openApiInfo } from './routes/system/docs';
import { startRescreenRuns } from './screening/rescreen-sweep';
import { everyShard, type ShardScope } from './shards/bindings';
import { advanceTenantMoves } from './shards/move/start';

const app = createApp();
registerRoutes(app);

/** The OpenAPI 3.1 document, built from the same zod schemas that validate requests (for export and tests). */
export function openApiDocument() {
  return app.getOpenAPI31Document(openApiInfo);
}

/** Every documented operation with the zod schemas that validate it (for the document-strictness test). */
export function openApiRoutes() {
  return app.openAPIRegistry.definitions.flatMap((definition) =>
    definition.type === 'route' ? [definition.route] : [],
  );
}

export { HEADER_PARAMETERS } from './http/request-headers';

/** The minute cron's work in each shard: every sweep reads and writes that one database. */
const shardSweeps: Record<string, (shard: ShardScope, ports: RuntimePorts) => Promise<unknown>> = {
  sweepDueTimers,
  startRescreenRuns,
  resendStalledWork,
  startRollupRuns,
  startRetentionRuns,
  sealIntakeSecrets,
  startRiskRuns,
  sweepAfterCure,
};

/** One cron tick: every sweep on every shard, and the tenant moves in the directory. */
export async function runCron(env: Env, ports: RuntimePorts): Promise<void> {
  const work = [
    ...everyShard(env).flatMap((shard) =>
      Object.entries(shardSweeps).map(([name, sweep]) => ({
        name: `${name}@${shard.name}`,
        run: () => sweep({ env, d1: shard.d1 }, ports),
      })),
    ),
    { name: 'advanceTenantMoves', run: () => advanceTenantMoves(env, ports) },
  ];
  // One failing sweep (or shard) must not hide the others' work or failures.
  const settled = await Promise.allSettled(work.map((item) => item.run()));
  settled.forEach((result, i) => {
    if (result.status === 'rejected')
      console.error(JSON.stringify({ cron: work[i]?.name, error: (result.reason as Error)?.name }));
  });
}

export default {
  fetch: app.fetch,
  queue: createQueueHandler(jobHandlers, 'doorstep-jobs-dlq'),
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runCron(env, runtimePorts()));
  },
} satisfies ExportedHandler<Env>;
