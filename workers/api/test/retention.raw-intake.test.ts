/**
 * The daily retention run also forgets raw intake (issue 14, item 7): the lines of batch chunks applied
 * more than 30 days ago, and events parked since before the pack's retention cutoff; and the stored
 * answers of POSTs past their 7-day replay window. Nothing younger, nothing still waiting to be
 * applied, and nothing of another tenant.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimePorts } from '../src/ports/runtime';
import { IDEMPOTENCY_REPLAY_MS } from '../src/retention/idempotency-records';
import { APPLIED_LINES_KEPT_MS } from '../src/retention/raw-intake';
import { startRetentionRuns } from '../src/retention/start';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

const NOW = Date.UTC(2026, 11, 5, 3, 0);
const DAY = 86_400_000;
// The CN pack keeps records 2 years; a day either side of the cutoff tells the boundary.
const CUTOFF = Date.UTC(2024, 11, 5);

let f: FixtureTenant;
let other: FixtureTenant;

const chunk = (tenantId: string, batchId: string, n: number, appliedAt: number | null) =>
  env.DB.prepare(
    'INSERT INTO intake_batch_chunks (tenant_id, batch_id, chunk, lines, applied_at) VALUES (?, ?, ?, ?, ?)',
  ).bind(tenantId, batchId, n, '{"type":"customer.upserted","data":{"name":"Li Wei"}}', appliedAt);
const parked = (tenantId: string, key: string, parkedAt: number) =>
  env.DB.prepare(
    'INSERT INTO intake_parked (tenant_id, account_ref, event_key, event, parked_at) VALUES (?, ?, ?, ?, ?)',
  ).bind(tenantId, 'A-1', key, '{"data":{"name":"Li Wei"}}', parkedAt);
const answered = (tenantId: string, key: string, createdAt: number) =>
  env.DB.prepare(
    `INSERT INTO idempotency_keys (tenant_id, api_key_id, key, request_hash, state, response_status, response_body, created_at)
     VALUES (?, 'key_1', ?, 'h', 'done', 201, '{"name":"Li Wei"}', ?)`,
  ).bind(tenantId, key, createdAt);

beforeAll(async () => {
  f = await createFixtureTenant('rawret');
  other = await createFixtureTenant('rawother');
  const longAgo = NOW - APPLIED_LINES_KEPT_MS - DAY;
  const recently = NOW - APPLIED_LINES_KEPT_MS + DAY;
  await env.DB.batch([
    chunk(f.tenantId, 'bat_old', 0, longAgo),
    chunk(f.tenantId, 'bat_old', 1, null),
    chunk(f.tenantId, 'bat_new', 0, recently),
    chunk(other.tenantId, 'bat_other', 0, longAgo),
    parked(f.tenantId, 'before-cutoff', CUTOFF - DAY),
    parked(f.tenantId, 'after-cutoff', CUTOFF + DAY),
    parked(other.tenantId, 'before-cutoff', CUTOFF - DAY),
    answered(f.tenantId, 'expired', NOW - IDEMPOTENCY_REPLAY_MS - 1),
    answered(f.tenantId, 'replayable', NOW - IDEMPOTENCY_REPLAY_MS + DAY),
    answered(other.tenantId, 'expired', NOW - IDEMPOTENCY_REPLAY_MS - 1),
    // The other tenant's run for the day has already been made: this tick does not touch its rows.
    env.DB.prepare(
      `INSERT INTO retention_runs (tenant_id, day, status, cutoff, retention_years, created_at)
       VALUES (?, '2026-12-05', 'completed', ?, 2, ?)`,
    ).bind(other.tenantId, CUTOFF, NOW),
  ]);
});

describe('raw intake in the daily retention run', () => {
  it('forgets applied lines after 30 days and parked events past the cutoff, and nothing else', async () => {
    const tick = await startRetentionRuns({ env, d1: env.DB }, { ...runtimePorts(), now: () => NOW });
    expect(tick.started).toContain(f.tenantId);
    const chunks = await env.DB.prepare(
      'SELECT tenant_id, batch_id, chunk FROM intake_batch_chunks ORDER BY tenant_id, batch_id, chunk',
    ).all();
    const kept = chunks.results.map((row) => `${row.tenant_id}/${row.batch_id}/${row.chunk}`);
    // The old batch's applied chunk goes; its unapplied chunk and the recent batch stay.
    expect(kept).toContain(`${f.tenantId}/bat_old/1`);
    expect(kept).toContain(`${f.tenantId}/bat_new/0`);
    expect(kept).not.toContain(`${f.tenantId}/bat_old/0`);
    const parkedKeys = await env.DB.prepare(
      'SELECT tenant_id, event_key FROM intake_parked ORDER BY tenant_id, event_key',
    ).all();
    const waiting = parkedKeys.results.map((row) => `${row.tenant_id}/${row.event_key}`);
    expect(waiting).toContain(`${f.tenantId}/after-cutoff`);
    expect(waiting).not.toContain(`${f.tenantId}/before-cutoff`);
    expect(tick.started).not.toContain(other.tenantId);
    expect(kept).toContain(`${other.tenantId}/bat_other/0`);
    expect(waiting).toContain(`${other.tenantId}/before-cutoff`);
    const records = await env.DB.prepare(
      'SELECT tenant_id, key FROM idempotency_keys WHERE tenant_id IN (?, ?)',
    )
      .bind(f.tenantId, other.tenantId)
      .all();
    const stored = records.results.map((row) => `${row.tenant_id}/${row.key}`);
    expect(stored).toContain(`${f.tenantId}/replayable`);
    expect(stored).not.toContain(`${f.tenantId}/expired`);
    expect(stored).toContain(`${other.tenantId}/expired`);
  });
});
