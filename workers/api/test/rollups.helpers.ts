import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { expect } from 'vitest';
import worker from '../src/index';

let messages = 0;

/**
 * Delivers `rollup.run` messages to the real consumer, as the queue would, until none of the tenant's
 * rollup runs is running or purging; returns how many messages that took.
 */
export async function driveRollupRuns(tenantId: string): Promise<number> {
  for (let delivered = 0; delivered < 500; delivered++) {
    const run = await env.DB.prepare(
      `SELECT id, cursor FROM rollup_runs WHERE status IN ('running', 'purging') AND tenant_id = ? ORDER BY created_at LIMIT 1`,
    )
      .bind(tenantId)
      .first<{ id: string; cursor: string }>();
    if (!run) return delivered;
    const body = { type: 'rollup.run', v: 1, tenantId, runId: run.id, cursor: run.cursor };
    const batch = createMessageBatch('doorstep-jobs', [
      { id: `rollup-${messages++}`, timestamp: new Date(), attempts: 1, body },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
  }
  throw new Error(`the rollup runs of ${tenantId} did not finish`);
}
