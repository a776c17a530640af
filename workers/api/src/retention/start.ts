import { retentionCutoff } from '@doorstep/compliance';
import { addDays } from '@doorstep/core';
import { tenantCompliance } from '../compliance/enforce';
import { database } from '../db/client';
import { sendInChunks } from '../follow-ups/timing';
import type { JobMessage } from '../jobs/messages';
import { GIVE_UP_MS, STALL_MS } from '../jobs/stalled-work';
import { forgetPastTravel } from '../planning/travel/measured';
import type { RuntimePorts } from '../ports/runtime';
import { findTenantPolicy } from '../screening/runs';
import type { ShardScope } from '../shards/bindings';
import { unfenced } from '../shards/fence';
import { forgetExpiredIdempotencyRecords } from './idempotency-records';
import { forgetRawIntake } from './raw-intake';

/** Tenants started per tick, so one tick stays bounded; banks are few, the rest wait a minute. */
const TENANTS_PER_TICK = 50;
/** Stalled runs re-sent per tick. */
const PER_TICK = 100;

export interface RetentionTick {
  /** Tenants whose run for today started on this tick. */
  started: string[];
  /** Runs (`tenant/day`) whose lost message was sent again. */
  resent: string[];
}

/**
 * Cron, every minute on every shard: starts each tenant's retention run for the current UTC day, once (the run's key
 * is the tenant and the day, so a second tick or a second isolate inserts nothing), with the tenant's
 * pack period fixed for the day; and re-sends the message of a run that stopped moving. The chunks
 * run on the queue (`retention.run`).
 */
export async function startRetentionRuns(shard: ShardScope, ports: RuntimePorts): Promise<RetentionTick> {
  const { env, d1 } = shard;
  const now = ports.now();
  const day = new Date(now).toISOString().slice(0, 10);
  const { results: waiting } = await d1
    .prepare(
      `SELECT id FROM tenants t WHERE NOT EXISTS (SELECT 1 FROM retention_runs r WHERE r.tenant_id = t.id AND r.day = ?1)
       AND ${unfenced('t.id')}
     LIMIT ?2`,
    )
    .bind(day, TENANTS_PER_TICK)
    .all<{ id: string }>();
  const db = database(d1);
  const started: string[] = [];
  for (const { id: tenantId } of waiting) {
    const found = await findTenantPolicy(db, tenantId);
    if (!found) continue;
    let retentionYears: number;
    try {
      ({ retentionYears } = tenantCompliance({
        tenant: found.tenant,
        policyDocument: found.policy?.document ?? null,
        policyVersion: found.policy?.version ?? null,
      }));
    } catch (error) {
      // A tenant without a known pack erases nothing (rather than by a guessed period); the others go on.
      console.error(JSON.stringify({ job: 'retention.start', tenantId, error: (error as Error).name }));
      continue;
    }
    const cutoff = Date.parse(retentionCutoff(new Date(now).toISOString(), retentionYears));
    const inserted = await d1
      .prepare(
        `INSERT INTO retention_runs (tenant_id, day, status, cutoff, retention_years, created_at)
       VALUES (?, ?, 'running', ?, ?, ?) ON CONFLICT (tenant_id, day) DO NOTHING RETURNING tenant_id`,
      )
      .bind(tenantId, day, cutoff, retentionYears, now)
      .first<{ tenant_id: string }>();
    if (!inserted) continue;
    // Travel between the places of days now past is no longer needed by any re-plan; raw intake that
    // has been applied, or waited past the retention period, and answers past their replay window are
    // no longer needed at all.
    await d1.batch([
      forgetPastTravel(d1, tenantId, addDays(day, -1)),
      ...forgetRawIntake(d1, tenantId, { now, cutoff }),
      forgetExpiredIdempotencyRecords(d1, tenantId, now),
    ]);
    // Sent after the run row commits: a lost send leaves a stalled run, which the next ticks re-send.
    await env.JOBS.send({ type: 'retention.run', v: 1, tenantId, day, afterCaseId: null });
    started.push(tenantId);
  }
  return { started, resent: await resendStalledRuns(shard, now) };
}

/** Runs that have not moved for `STALL_MS` get their message again; after a day they are given up. */
async function resendStalledRuns({ env, d1 }: ShardScope, now: number): Promise<string[]> {
  const stalledSince = now - STALL_MS;
  const lastMoved = 'max(coalesce(progressed_at, 0), created_at)';
  const [, stalled] = await d1.batch<{ tenant_id: string; day: string; after_case_id: string | null }>([
    d1
      .prepare(
        `UPDATE retention_runs SET status = 'failed', completed_at = ?1
       WHERE status = 'running' AND created_at <= ?2 AND ${lastMoved} <= ?2 AND ${unfenced()}`,
      )
      .bind(now, now - GIVE_UP_MS),
    d1
      .prepare(
        `UPDATE retention_runs SET nudged_at = ?1
       WHERE rowid IN (SELECT rowid FROM retention_runs WHERE status = 'running' AND ${lastMoved} <= ?2
                         AND coalesce(nudged_at, 0) <= ?2 AND ${unfenced()} LIMIT ?3)
       RETURNING tenant_id, day, after_case_id`,
      )
      .bind(now, stalledSince, PER_TICK),
  ]);
  const runs = stalled?.results ?? [];
  await sendInChunks<JobMessage>(
    env.JOBS,
    runs.map((run) => ({
      body: {
        type: 'retention.run',
        v: 1,
        tenantId: run.tenant_id,
        day: run.day,
        afterCaseId: run.after_case_id,
      },
      delaySeconds: 0,
    })),
  );
  return runs.map((run) => `${run.tenant_id}/${run.day}`);
}
