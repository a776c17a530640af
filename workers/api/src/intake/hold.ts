import { parseEventBody } from '@doorstep/intake';
import type { RuntimePorts } from '../ports/runtime';
import type { ShardScope } from '../shards/bindings';
import type { Placement } from '../shards/placement';
import { applyEventsDelivery, type VerifiedDelivery } from './events-delivery';

/**
 * Intake while a tenant moves to another database: a verified, valid delivery is kept in the directory
 * (`directory_intake_hold`) instead of being applied to rows that are being copied, and answered 202.
 * The move replays the held deliveries in arrival order on the tenant's new database, through the same
 * code as a live delivery (inbox row and events in one batch), before the tenant's intake flows again:
 * none is lost, none applied twice, and none overtakes an earlier one.
 */
export function holdsIntake(placement: Placement | null): boolean {
  return placement?.state === 'moving' || placement?.state === 'replaying';
}

export type HoldResult = 'held' | 'already-held' | 'id-reused' | 'not-holding';

/**
 * Holds a delivery, if the directory still holds the tenant's intake: the check and the insert are one
 * statement, so a delivery cannot slip in after the move's last replay and wait forever.
 */
export async function holdDelivery(
  directory: D1Database,
  delivery: VerifiedDelivery,
  body: string,
  now: number,
): Promise<HoldResult> {
  const [inserted, existing] = await directory.batch<{ body_hash: string }>([
    directory
      .prepare(
        `INSERT INTO directory_intake_hold (tenant_id, webhook_id, body, body_hash, received_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM directory_tenants
           WHERE tenant_id = ?1 AND state IN ('moving', 'replaying'))
         ON CONFLICT DO NOTHING RETURNING body_hash`,
      )
      .bind(delivery.tenantId, delivery.webhookId, body, delivery.bodyHash, now),
    directory
      .prepare('SELECT body_hash FROM directory_intake_hold WHERE tenant_id = ? AND webhook_id = ?')
      .bind(delivery.tenantId, delivery.webhookId),
  ]);
  if ((inserted?.results.length ?? 0) === 1) return 'held';
  const earlier = existing?.results[0];
  if (!earlier) return 'not-holding';
  return earlier.body_hash === delivery.bodyHash ? 'already-held' : 'id-reused';
}

/** The answer to a held delivery (and to its redelivery while it waits). */
export const heldAnswer = (webhookId: string, received: number) =>
  JSON.stringify({ webhookId, received, held: true });

interface HeldRow {
  webhook_id: string;
  body: string;
  body_hash: string;
}

/** Deliveries replayed per read of the hold. */
const PER_READ = 20;

/**
 * Replays the tenant's held deliveries, oldest first, into `d1` (its database now), until none is left
 * or `deadline` passes. Each is deleted from the hold only after its events and inbox row committed (or
 * were found already committed), so a replay cut short repeats nothing. When the hold is empty the
 * tenant's intake flows again, in the same statement that checks it is empty.
 */
export async function replayHeldDeliveries(
  directory: D1Database,
  { env, d1 }: ShardScope,
  ports: RuntimePorts,
  tenantId: string,
  deadline: number,
): Promise<{ replayed: number; done: boolean }> {
  let replayed = 0;
  do {
    const { results } = await directory
      .prepare(
        `SELECT webhook_id, body, body_hash FROM directory_intake_hold WHERE tenant_id = ? ORDER BY rowid LIMIT ?`,
      )
      .bind(tenantId, PER_READ)
      .all<HeldRow>();
    if (results.length === 0) {
      const released = await directory
        .prepare(
          `UPDATE directory_tenants SET state = 'active', updated_at = ?2
           WHERE tenant_id = ?1 AND state = 'replaying'
             AND NOT EXISTS (SELECT 1 FROM directory_intake_hold WHERE tenant_id = ?1)`,
        )
        .bind(tenantId, ports.now())
        .run();
      if (released.meta.changes === 1) return { replayed, done: true };
      continue;
    }
    for (const row of results) {
      const delivery = { tenantId, webhookId: row.webhook_id, bodyHash: row.body_hash };
      // Validated before it was held, against a clock that has only moved on since.
      const parsed = parseEventBody(JSON.parse(row.body), ports.now);
      if (!parsed.ok) throw new Error(`held delivery ${row.webhook_id} no longer parses`);
      const result = await applyEventsDelivery(d1, ports, env.JOBS, delivery, parsed.events);
      if (result.kind === 'contended') return { replayed, done: false };
      await directory
        .prepare('DELETE FROM directory_intake_hold WHERE tenant_id = ? AND webhook_id = ?')
        .bind(tenantId, row.webhook_id)
        .run();
      replayed++;
    }
  } while (ports.now() < deadline);
  return { replayed, done: false };
}
