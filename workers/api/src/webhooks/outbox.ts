import { EVENT_CATALOGUE, type OutboundEvent, type OutboundEventType } from '@doorstep/follow-up-engine';
import { type Guard, guardedInsertSelect } from '../follow-ups/guard';
import { sendInChunks } from '../follow-ups/timing';
import type { RuntimePorts } from '../ports/runtime';

/** How long a dispatched delivery waits for its message before the sweep sends it again. */
export const DISPATCH_LEASE_MS = 5 * 60_000;

export interface Announcement {
  statements: D1PreparedStatement[];
  /** Indexes of statements whose `RETURNING id` rows are new webhook deliveries to dispatch. */
  deliveryStatementIndexes: number[];
}

/**
 * An event's `data` with core banking's own numbers for the case's customer and account added, read
 * in SQL as the row is written (so a write in the same batch is seen, and no extra round trip is
 * made). `data`, `caseId` and `tenantId` are SQL expressions.
 */
const withBankRefs = (data: string, caseId: string, tenantId: string) =>
  `CASE WHEN ${caseId} IS NULL THEN ${data} ELSE json_set(${data},
     '$.customerRef', (SELECT cu.external_ref FROM cases k JOIN customers cu ON cu.tenant_id = k.tenant_id AND cu.id = k.customer_id
                       WHERE k.tenant_id = ${tenantId} AND k.id = ${caseId}),
     '$.accountRef', (SELECT ac.external_ref FROM cases k JOIN accounts ac ON ac.tenant_id = k.tenant_id AND ac.id = k.account_id
                      WHERE k.tenant_id = ${tenantId} AND k.id = ${caseId})) END`;

/**
 * Fans the events this announcement recorded (its source, at its instant) out to the tenant's active
 * subscriptions whose filter matches, as deliveries already dispatched (leased), each with the Standard
 * Webhooks body `{ type, version, timestamp, data }`. An event a dedupe key refused was recorded by an
 * earlier write, with its own deliveries, so nothing here fans it out again.
 */
function fanOutStatement(
  db: D1Database,
  input: { tenantId: string; sourceId: string; now: number; guard: Guard },
): D1PreparedStatement {
  const lease = input.now + DISPATCH_LEASE_MS;
  return db
    .prepare(
      `INSERT INTO webhook_deliveries
         (id, tenant_id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, lease_until, created_at)
       SELECT 'whd_' || lower(hex(randomblob(10))), e.tenant_id, s.id, e.id, e.type,
         json_object('type', e.type, 'version', e.version, 'timestamp', ?1,
                     'data', json_set(json(e.data), '$.eventId', e.id, '$.caseId', e.case_id)),
         'pending', 0, ?2, ?2, ?3
       FROM outbound_events e
       JOIN webhook_subscriptions s ON s.tenant_id = e.tenant_id AND s.active = 1
         AND EXISTS (SELECT 1 FROM json_each(s.event_types) WHERE value IN (e.type, '*'))
       WHERE e.tenant_id = ?4 AND e.source_id = ?5 AND e.occurred_at = ?3
         AND ${input.guard.sql}
       ON CONFLICT (subscription_id, event_id) DO NOTHING
       RETURNING id`,
    )
    .bind(
      new Date(input.now).toISOString(),
      lease,
      input.now,
      input.tenantId,
      input.sourceId,
      ...input.guard.binds,
    );
}

/**
 * One event of `type` per row of `rows`, a SELECT of `case_id`, `data` (JSON text) and `dedupe_key`:
 * a plan's hundreds of visits are announced in one statement, as one would be.
 */
export interface OutboundEventRows {
  type: OutboundEventType;
  rows: { sql: string; binds: unknown[] };
}

const isRows = (event: OutboundEvent | OutboundEventRows): event is OutboundEventRows => 'rows' in event;

/**
 * Statements that record events (the outbox) and fan them out to the matching subscriptions; `RETURNING
 * id` lets the caller send their messages right after the batch. Every statement carries the caller's
 * guard, so the events exist exactly when the action that announced them happened; an event with a
 * dedupe key already recorded is not recorded (nor sent) again.
 */
export function announceStatements(
  db: D1Database,
  ports: RuntimePorts,
  input: {
    tenantId: string;
    sourceId: string;
    events: readonly (OutboundEvent | OutboundEventRows)[];
    now: number;
    guard: Guard;
  },
): Announcement {
  if (input.events.length === 0) return { statements: [], deliveryStatementIndexes: [] };
  const statements = input.events.map((event) =>
    isRows(event) ? insertEachStatement(db, input, event) : insertStatement(db, ports, input, event),
  );
  statements.push(fanOutStatement(db, input));
  return { statements, deliveryStatementIndexes: [statements.length - 1] };
}

type AnnounceContext = { tenantId: string; sourceId: string; now: number; guard: Guard };

function insertStatement(db: D1Database, ports: RuntimePorts, input: AnnounceContext, event: OutboundEvent) {
  return guardedInsertSelect(
    db,
    `INSERT INTO outbound_events (id, tenant_id, case_id, type, version, source_id, data, occurred_at, dedupe_key)
     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ${withBankRefs('?7', '?3', '?2')}, ?8, ?9`,
    [
      ports.newId('evt'),
      input.tenantId,
      event.caseId,
      event.type,
      EVENT_CATALOGUE[event.type].version,
      input.sourceId,
      JSON.stringify(event.data),
      input.now,
      event.dedupeKey ?? null,
    ],
    input.guard,
    'ON CONFLICT DO NOTHING',
  );
}

function insertEachStatement(db: D1Database, input: AnnounceContext, event: OutboundEventRows) {
  return db
    .prepare(
      `INSERT INTO outbound_events (id, tenant_id, case_id, type, version, source_id, data, occurred_at, dedupe_key)
       SELECT 'evt_' || lower(hex(randomblob(10))), ?1, r.case_id, ?2, ?3, ?4, ${withBankRefs('r.data', 'r.case_id', '?1')}, ?5, r.dedupe_key
       FROM (${event.rows.sql}) r
       WHERE ${input.guard.sql}
       ON CONFLICT DO NOTHING`,
    )
    .bind(
      input.tenantId,
      event.type,
      EVENT_CATALOGUE[event.type].version,
      input.sourceId,
      input.now,
      ...event.rows.binds,
      ...input.guard.binds,
    );
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
