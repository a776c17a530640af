import { DISPATCH_LEASE_MS } from './outbox';

/**
 * Puts a delivered or failed delivery back on the queue for one more attempt (an operator's manual
 * redelivery). Attempts keep counting, so a redelivery past the schedule gets a single attempt and
 * then rests as `failed` or `delivered` again. Returns the message to send, or `null` if the delivery
 * does not exist for this tenant or is still pending (its own schedule will try it).
 */
export async function redeliverWebhook(
  db: D1Database,
  queue: Queue,
  input: { tenantId: string; deliveryId: string; now: number },
  /** Written in the same batch right after the reopening (e.g. the operator's audit row). */
  alongside: D1PreparedStatement[] = [],
): Promise<{ deliveryId: string } | null> {
  const lease = input.now + DISPATCH_LEASE_MS;
  const [reopened] = await db.batch<{ id: string }>([
    db
      .prepare(
        `UPDATE webhook_deliveries SET status = 'pending', lease_until = ?, next_attempt_at = ?
         WHERE id = ? AND tenant_id = ? AND status IN ('delivered', 'failed')
         RETURNING id`,
      )
      .bind(lease, lease, input.deliveryId, input.tenantId),
    ...alongside,
  ]);
  const row = reopened?.results[0];
  if (row === undefined) return null;
  await queue.send({ type: 'webhook.deliver', v: 1, tenantId: input.tenantId, deliveryId: row.id });
  return { deliveryId: row.id };
}
