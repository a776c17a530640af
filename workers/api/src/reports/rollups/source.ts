/**
 * Where a report finds the built rollup it reads. A rollup never built (a month end older than the nightly
 * refresh reaches, an experiment created today) is started on the spot and the report answers 503 with
 * Retry-After: it is minutes away, and computing it inside the request is exactly what rollups avoid.
 */
import { ApiError } from '../../http/error-codes';
import type { RuntimePorts } from '../../ports/runtime';
import type { ShardScope } from '../../shards/bindings';
import { type RollupHead, type RollupKind, rollupHead, startRollupRun } from './runs';

export interface RollupSource {
  head(kind: Exclude<RollupKind, 'activity'>, subject: string, period: string): Promise<RollupHead>;
}

/**
 * `d1` is the tenant's database (the request's); `onBuilding` runs just before the 503, e.g. to set the
 * response's Retry-After.
 */
export function requestedRollups(
  { env, d1 }: ShardScope,
  ports: RuntimePorts,
  tenantId: string,
  onBuilding: () => void = () => {},
): RollupSource {
  return {
    async head(kind, subject, period) {
      const head = await rollupHead(d1, tenantId, kind, subject, period);
      if (head) return head;
      const runId = await startRollupRun(
        d1,
        { tenantId, kind, subject, period, reason: 'report' },
        ports.newId('rlr'),
        ports.now(),
      );
      if (runId) await env.JOBS.send({ type: 'rollup.run', v: 1, tenantId, runId, cursor: '' });
      onBuilding();
      throw new ApiError(
        'REPORT.BUILDING',
        `The ${kind} rollup for ${period} is being built from the raw rows; retry in a minute.`,
        { extra: { rollup: { kind, period, ...(subject ? { subject } : {}) } } },
      );
    },
  };
}

/** For code that builds rollups itself first (tests, benchmarks): a missing rollup is a bug there. */
export function builtRollups(d1: D1Database, tenantId: string): RollupSource {
  return {
    async head(kind, subject, period) {
      const head = await rollupHead(d1, tenantId, kind, subject, period);
      if (!head) throw new Error(`no ${kind} rollup for ${tenantId} ${subject} ${period}`);
      return head;
    },
  };
}
