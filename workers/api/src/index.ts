// First, before any module builds a zod schema: zod copies `.openapi()` onto a schema when it is
// created, so schemas the domain packages create at import time have it only if this ran before them.
import '@hono/zod-openapi';
import { sweepDueTimers } from './follow-ups/sweep';
import { createApp } from './http/app';
import { sealIntakeSecrets } from './intake/seal-secrets';
import { createQueueHandler } from './jobs/consumer';
import { jobHandlers } from './jobs/registry';
import { resendStalledWork } from './jobs/stalled-work';
import { runtimePorts } from './ports/runtime';
import { sweepAfterCure } from './relationship/after-cure-sweep';
import { startRollupRuns } from './reports/rollups/sweep';
import { startRetentionRuns } from './retention/start';
import { startRiskRuns } from './risk/runs';
import { registerRoutes } from './routes';
import { openApiInfo } from './routes/system/docs';
import { startRescreenRuns } from './screening/rescreen-sweep';

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

export default {
  fetch: app.fetch,
  queue: createQueueHandler(jobHandlers, 'doorstep-jobs-dlq'),
  async scheduled(_controller, env, ctx) {
    const ports = runtimePorts();
    ctx.waitUntil(
      Promise.all([
        sweepDueTimers(env, ports),
        startRescreenRuns(env, ports),
        resendStalledWork(env, ports),
        startRollupRuns(env, ports),
        startRetentionRuns(env, ports),
        sealIntakeSecrets(env, ports),
        startRiskRuns(env, ports),
        sweepAfterCure(env, ports),
      ]),
    );
  },
} satisfies ExportedHandler<Env>;
