import type { EventFieldError, IntakeRefs, IntakeState } from '@doorstep/intake';
import type { Context } from 'hono';
import { sha256Hex } from '../crypto/sha256';
import type { eventInbox } from '../db/schema';
import type { AppEnv } from '../http/app-env';
import { ApiError, type FieldError } from '../http/error-codes';
import { REPLAYED_HEADER } from '../middleware/idempotency';
import { intakeSecretContext, keyringOf, open } from '../secrets/secret-box';
import { verifyWebhook } from './signature';
import { activeSecrets, inboxEntry, resultAt, stateOf, stateStatements } from './state';

/** Which bank a delivery claims to come from; only the signature, made with that bank's secret, proves it. */
export const TENANT_HEADER = 'Doorstep-Tenant';

export type InboxRow = typeof eventInbox.$inferSelect;

export interface SignedDelivery {
  tenantId: string;
  webhookId: string;
  body: string;
  bodyHash: string;
  /** The stored answer if this `webhook-id` was already handled for this tenant. */
  earlier: InboxRow | undefined;
  /** The rows the prefetched refs name, read with the secrets. */
  state: IntakeState | undefined;
}

const NO_REFS: IntakeRefs = { customerRefs: [], accountRefs: [], paymentRefs: [], regionIds: [] };

/** The tenant's signing secrets in the clear, for this request only: sealed ones opened, plaintext ones as stored. */
async function openSecrets(
  env: Env,
  tenantId: string,
  rows: { id: string; secret: string | null; ciphertext: string | null; keyId: string | null }[],
): Promise<string[]> {
  if (rows.every((row) => row.secret !== null)) return rows.map((row) => row.secret as string);
  const ring = await keyringOf(env);
  return Promise.all(
    rows.map((row) =>
      row.secret !== null
        ? row.secret
        : open(
            ring,
            { keyId: row.keyId ?? '', ciphertext: row.ciphertext ?? '' },
            intakeSecretContext(tenantId, row.id),
          ),
    ),
  );
}

/** The one answer to every failed intake authentication, so probing learns nothing. */
export const refused = () =>
  new ApiError('INTAKE.BAD_SIGNATURE', 'The webhook signature is missing or does not verify.');

/**
 * Authenticates a signed intake request: reads the raw body (the signature covers its exact bytes),
 * the tenant's active secrets and any earlier answer to this `webhook-id`, in one D1 round trip, then
 * verifies. Every failure is the same 401 except a stale timestamp, so probing learns nothing.
 */
export async function signedDelivery(
  c: Context<AppEnv>,
  prefetch?: (body: string) => IntakeRefs | null,
): Promise<SignedDelivery> {
  const tenantId = c.req.header(TENANT_HEADER);
  const webhookId = c.req.header('webhook-id');
  if (!tenantId || !webhookId || webhookId.length > 256) throw refused();
  const body = await c.req.text();
  const { d1, ports } = c.var.services;
  const now = ports.now();
  // The state the events name rides along in the same round trip; it is only used once verified.
  const refs = prefetch?.(body) ?? null;
  const results = await d1.batch([
    activeSecrets.statement(d1, { tenantId, now }),
    inboxEntry.statement(d1, { tenantId, webhookId }),
    ...stateStatements(d1, tenantId, refs ?? NO_REFS),
  ]);
  const secrets = await openSecrets(c.env, tenantId, activeSecrets.rows(resultAt(results, 0)));
  const verdict = await verifyWebhook(
    secrets,
    {
      id: webhookId,
      timestamp: c.req.header('webhook-timestamp'),
      signature: c.req.header('webhook-signature'),
    },
    body,
    now,
  );
  if (!verdict.ok) {
    if (verdict.reason === 'stale')
      throw new ApiError(
        'INTAKE.STALE_TIMESTAMP',
        'webhook-timestamp is more than 5 minutes away from our clock; re-sign the delivery when you send it.',
      );
    throw refused();
  }
  return {
    tenantId,
    webhookId,
    body,
    bodyHash: await sha256Hex(body),
    earlier: inboxEntry.rows(resultAt(results, 1))[0],
    state: refs ? stateOf(results.slice(2)) : undefined,
  };
}

/** The stored answer to a redelivery; the same id with another body is the sender's bug and says so. */
export function replay(c: Context<AppEnv>, delivery: SignedDelivery, earlier: InboxRow): Response {
  if (earlier.bodyHash !== delivery.bodyHash)
    throw new ApiError(
      'INTAKE.ID_REUSED',
      `webhook-id ${delivery.webhookId} was already used for a different body; give every new delivery a new id.`,
    );
  return c.newResponse(earlier.responseBody, earlier.responseStatus as 200, {
    'content-type': 'application/json',
    [REPLAYED_HEADER]: 'true',
  });
}

/** The inbox row, inserted first in the write batch: its primary key is the lock a concurrent twin loses on. */
export function inboxInsert(
  d1: D1Database,
  delivery: Pick<SignedDelivery, 'tenantId' | 'webhookId' | 'bodyHash'>,
  eventTypes: string[],
  status: number,
  responseBody: string,
  now: number,
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO event_inbox (tenant_id, webhook_id, body_hash, event_types, response_status, response_body, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      delivery.tenantId,
      delivery.webhookId,
      delivery.bodyHash,
      JSON.stringify(eventTypes),
      status,
      responseBody,
      now,
    );
}

export async function findInboxRow(
  d1: D1Database,
  delivery: Pick<SignedDelivery, 'tenantId' | 'webhookId'>,
): Promise<InboxRow | undefined> {
  const statement = inboxEntry.statement(d1, { tenantId: delivery.tenantId, webhookId: delivery.webhookId });
  return inboxEntry.rows(await statement.all())[0];
}

export function findInbox(c: Context<AppEnv>, delivery: SignedDelivery): Promise<InboxRow | undefined> {
  return findInboxRow(c.var.services.d1, delivery);
}

/** Parses the body as JSON; a body that is not JSON is 400, checked only after the signature. */
export function jsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ApiError('REQUEST.MALFORMED_JSON', 'The body is not valid JSON.');
  }
}

export const asFieldErrors = (errors: readonly EventFieldError[]): FieldError[] =>
  errors.map((error) => ({ ...error, in: 'body' as const }));
