import { SWEEP_SQL } from '../follow-ups/sweep-sql';
import { sendInChunks } from '../follow-ups/timing';
import type { JobOf } from '../jobs/messages';
import type { ShardScope } from '../shards/bindings';
import { DISPATCH_LEASE_MS } from './outbox';

const IDS_PER_UPDATE = 90;

/**
 * Dispatches pending deliveries whose next attempt is due: a retry after backoff, or a dispatch whose
 * message was lost (its lease, kept in `next_attempt_at`, ran out). The guarded UPDATE leases each row
 * before its message is sent, so overlapping sweeps do not double a message and a lost one comes back.
 */
export async function sweepWebhookDeliveries(
  { env, d1: db }: ShardScope,
  now: number,
  limit: number,
): Promise<{ body: JobOf<'webhook.deliver'>; delaySeconds: number }[]> {
  const due = await db.prepare(SWEEP_SQL.dueDeliveries).bind(now, limit).all<{ id: string }>();
  const ids = due.results.map((r) => r.id);
  if (ids.length === 0) return [];
  const updates: D1PreparedStatement[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_UPDATE) {
    const chunk = ids.slice(i, i + IDS_PER_UPDATE);
    updates.push(
      db
        .prepare(
          `UPDATE webhook_deliveries SET lease_until = ?2, next_attempt_at = ?2
           WHERE id IN (${chunk.map((_, j) => `?${j + 3}`).join(',')}) AND status = 'pending' AND next_attempt_at <= ?1
           RETURNING id, tenant_id`,
        )
        .bind(now, now + DISPATCH_LEASE_MS, ...chunk),
    );
  }
  const results = await db.batch<{ id: string; tenant_id: string }>(updates);
  const messages = results.flatMap((r) =>
    r.results.map((row) => ({
      body: { type: 'webhook.deliver' as const, v: 1 as const, tenantId: row.tenant_id, deliveryId: row.id },
      delaySeconds: 0,
    })),
  );
  await sendInChunks(env.JOBS, messages);
  return messages;
}
