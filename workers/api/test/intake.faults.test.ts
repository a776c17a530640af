/**
 * Finding 10 of the security review: a bulk intake interrupted between chunks (the worker killed, a
 * chunk's message lost or acked without being applied) is resumed by the stalled-work cron from the
 * chunks not yet applied, as screening runs are — nothing lost, nothing applied twice.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleIntakeBatchChunk } from '../src/intake/batch-chunk-job';
import { batchInserts, batchRow, splitFile } from '../src/intake/batches';
import { GIVE_UP_MS, resendStalledWork, STALL_MS } from '../src/jobs/stalled-work';
import { runtimePorts } from '../src/ports/runtime';
import { delinquency, intakeTenant } from './intake.helpers';

const ports = runtimePorts();
const LINES = 1_200; // three chunks of at most 500 lines

let tenantId: string;

beforeAll(async () => {
  ({ tenantId } = await intakeTenant('batchkill'));
});

const batchOf = (id: string) =>
  env.DB.prepare('SELECT status, accepted, applied, rejected FROM intake_batches WHERE id = ?')
    .bind(id)
    .first<{ status: string; accepted: number; applied: number; rejected: number }>();

const count = async (table: string) =>
  (
    await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE tenant_id = ?`)
      .bind(tenantId)
      .first<{ n: number }>()
  )?.n;

/** A file accepted and committed by `POST /v1/intake/batches`, whose chunk messages never arrive. */
async function committedBatch(id: string, lines: number, offset: number) {
  const text = Array.from({ length: lines }, (_, i) =>
    JSON.stringify(delinquency(String(offset + i), 1, 40, 300_000, '2026-10-01T00:00:00Z')),
  ).join('\n');
  const file = splitFile(text, ports.now);
  expect(file.chunks.length).toBe(3);
  await env.DB.batch(batchInserts(env.DB, batchRow(tenantId, id, file, ports.now()), file.chunks));
}

/** As if the last move of the batch was `STALL_MS` ago: the cron's notion of "stuck". */
const ageBatch = (id: string) =>
  env.DB.prepare(
    `UPDATE intake_batches SET created_at = ?1, progressed_at = CASE WHEN progressed_at IS NULL THEN NULL ELSE ?1 END WHERE id = ?2`,
  )
    .bind(Date.now() - STALL_MS - 1, id)
    .run();

async function waitForCompletion(id: string) {
  for (let poll = 0; poll < 150; poll++) {
    const batch = await batchOf(id);
    if (batch?.status === 'completed') return batch;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`batch ${id} did not complete: ${JSON.stringify(await batchOf(id))}`);
}

describe('a bulk intake killed between chunks', () => {
  it('is resumed by the cron from its first unapplied chunk, with exact counts', async () => {
    const id = 'ib_killed_midway';
    await committedBatch(id, LINES, 0);
    // The consumer applies chunk 0, then the worker dies: the messages of chunks 1 and 2 are gone.
    await handleIntakeBatchChunk(
      { type: 'intake.batch-chunk', v: 1, tenantId, batchId: id, chunk: 0 },
      { env, d1: env.DB, ports },
    );
    expect(await batchOf(id)).toMatchObject({ status: 'processing', applied: 500 });

    // A batch that moved moments ago is merely slow: the cron leaves it alone.
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).batches).not.toContain(id);

    await ageBatch(id);
    const resent = await resendStalledWork({ env, d1: env.DB }, ports);
    expect(resent.batches).toContain(id);
    // Once per stall period, like plans and screening runs.
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).batches).not.toContain(id);

    // The re-sent chunk messages go through the real queue and consumer.
    expect(await waitForCompletion(id)).toEqual({
      status: 'completed',
      accepted: LINES,
      applied: LINES,
      rejected: 0,
    });
    expect(await count('accounts')).toBe(LINES);
    expect(await count('delinquency_snapshots')).toBe(LINES);

    // A late duplicate of a lost message (it was only slow after all) applies nothing twice.
    await handleIntakeBatchChunk(
      { type: 'intake.batch-chunk', v: 1, tenantId, batchId: id, chunk: 1 },
      { env, d1: env.DB, ports },
    );
    expect(await batchOf(id)).toMatchObject({ applied: LINES });
    expect(await count('delinquency_snapshots')).toBe(LINES);
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).batches).not.toContain(id);
  });

  it('a batch whose first chunk message was lost before anything was applied is resumed too', async () => {
    const id = 'ib_killed_at_start';
    await committedBatch(id, LINES, LINES);
    await ageBatch(id);
    expect((await resendStalledWork({ env, d1: env.DB }, ports)).batches).toContain(id);
    expect(await waitForCompletion(id)).toMatchObject({ status: 'completed', applied: LINES });
    expect(await count('delinquency_snapshots')).toBe(2 * LINES);
  });

  it('a batch that has not moved for a day is given up, audited, and its pending chunks are no longer re-sent', async () => {
    const id = 'ib_hopeless';
    await committedBatch(id, LINES, 2 * LINES);
    await env.DB.prepare('UPDATE intake_batches SET created_at = ? WHERE id = ?')
      .bind(Date.now() - GIVE_UP_MS - 1, id)
      .run();
    const resent = await resendStalledWork({ env, d1: env.DB }, ports);
    expect(resent.givenUp).toContain(id);
    expect(resent.batches).not.toContain(id);
    expect(await batchOf(id)).toMatchObject({ status: 'failed', applied: 0 });
    const audit = await env.DB.prepare('SELECT actor_role, action FROM audit_log WHERE subject_id = ?')
      .bind(id)
      .all();
    expect(audit.results).toEqual([{ actor_role: 'system', action: 'intake-batch.given-up' }]);
  });
});
