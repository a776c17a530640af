import type { OutboundEvent } from '@doorstep/follow-up-engine';
import { type Guard, guardedInsertSelect } from '../follow-ups/guard';
import { sendInChunks } from '../follow-ups/timing';
import type { RuntimePorts } from '../ports/runtime';

/** How long a dispatched delivery waits for its message before the sweep sends it again. */
export const DISPATCH_LEASE_MS = 5 * 60_000;

/**
 * Statements that record events and fan each out to the tenant's active subscriptions whose filter
 * matches, as deliveries already dispatched (leased); `RETURNING id` lets the caller send their
 * messages right after the batch. Every statement carries the caller's guard, so the events exist
 * exactly when the action that announced them happened.
 */
export function announceStatements(
  db: D1Database,
  ports: RuntimePorts,
  input: { tenantId: string; sourceId: string; events: readonly OutboundEvent[]; now: number; guard: Guard },
): { statements: D1PreparedStatement[]; deliveryStatementIndexes: number[] } {
  const statements: D1PreparedStatement[] = [];
  const deliveryStatementIndexes: number[] = [];
  const lease = input.now + DISPATCH_LEASE_MS;
  for (const event of input.events) {
    const eventId = ports.newId('evt');
    const body = JSON.stringify({
      type: event.type,
      timestamp: new Date(input.now).toISOString(),
      data: { eventId, caseId: event.caseId, ...event.data },
    });
    statements.push(
      guardedInsertSelect(
        db,
        `INSERT INTO outbound_events (id, tenant_id, case_id, type, source_id, data, occurred_at)
         SELECT ?, ?, ?, ?, ?, ?, ?`,
        [
          eventId,
          input.tenantId,
          event.caseId,
          event.type,
          input.sourceId,
          JSON.stringify(event.data),
          input.now,
        ],
        input.guard,
      ),
    );
    deliveryStatementIndexes.push(statements.length);
    statements.push(
      db
        .prepare(
          `INSERT INTO webhook_deliveries
             (id, tenant_id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, lease_until, created_at)
           SELECT 'whd_' || lower(hex(randomblob(10))), s.tenant_id, s.id, ?, ?, ?, 'pending', 0, ?, ?, ?
           FROM webhook_subscriptions s
           WHERE s.tenant_id = ? AND s.active = 1
             AND EXISTS (SELECT 1 FROM json_each(s.event_types) WHERE value IN (?, '*'))
             AND ${input.guard.sql}
           ON CONFLICT (subscription_id, event_id) DO NOTHING
           RETURNING id`,
        )
        .bind(
          eventId,
          event.type,
          body,
          lease,
          lease,
          input.now,
          input.tenantId,
          event.type,
          ...input.guard.binds,
        ),
    );
  }
  return { statements, deliveryStatementIndexes };
}

/** Sends `webhook.deliver` for deliveries a batch just created; a lost send is re-sent by the sweep. */
export async function dispatchDeliveries(
  queue: Queue,
  tenantId: string,
  results: readonly D1Result[],
  indexes: readonly number[],
): Promise<number> {
  const ids = indexes.flatMap((i) => (results[i]?.results ?? []) as { id: string }[]).map((r) => r.id);
  await sendInChunks(
    queue,
    ids.map((deliveryId) => ({
      body: { type: 'webhook.deliver', v: 1, tenantId, deliveryId },
      delaySeconds: 0,
    })),
  );
  return ids.length;
}
