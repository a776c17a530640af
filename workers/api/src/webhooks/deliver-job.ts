import type { ActionVerdict } from '@doorstep/compliance';
import { type EventStance, isRecordStance } from '@doorstep/core';
import { afterDeliveryAttempt, EVENT_STANCES, type OutboundEventType } from '@doorstep/follow-up-engine';
import { judgeOnCase } from '../compliance/fire-time';
import { vetoSummary } from '../follow-ups/action-statements';
import { queueDelaySeconds } from '../follow-ups/timing';
import type { JobHandler, JobOutcome } from '../jobs/handlers';
import { DISPATCH_LEASE_MS } from './outbox';
import { fetchSender, type WebhookSender } from './sender';
import { signWebhook } from './sign';
import { checkWebhookTarget } from './target-url';

// Long enough for one signed POST with its 10 s timeout; a crash mid-attempt is retried after this.
const ATTEMPT_LEASE_MS = 2 * 60_000;

interface ClaimedDelivery {
  attempts: number;
  event_id: string;
  event_type: OutboundEventType;
  case_id: string | null;
  payload: string;
  url: string | null;
  secret: string | null;
  active: number | null;
}

/** A message that came before its dispatch instant (clock skew) waits; any other lost claim is a duplicate. */
async function afterLostClaim(
  db: D1Database,
  job: { tenantId: string; deliveryId: string },
  now: number,
): Promise<JobOutcome> {
  const row = await db
    .prepare(
      `SELECT lease_until FROM webhook_deliveries WHERE id = ? AND tenant_id = ? AND status = 'pending'`,
    )
    .bind(job.deliveryId, job.tenantId)
    .first<{ lease_until: number | null }>();
  const dispatchedAt = row?.lease_until == null ? null : row.lease_until - DISPATCH_LEASE_MS;
  if (dispatchedAt !== null && dispatchedAt > now)
    return {
      kind: 'retry',
      delaySeconds: Math.max(1, queueDelaySeconds(dispatchedAt, now)),
    };
  return { kind: 'done' };
}

/**
 * Builds the `webhook.deliver` handler around an HTTP sender. An attempt is made only for a delivery the
 * sweep or an action dispatched (its lease is set); claiming clears the lease and bumps `attempts`, so a
 * duplicate message finds nothing to do. The answer, the next attempt time from the backoff schedule
 * and the final status are written back guarded on that attempt number.
 */
export function createWebhookDeliveryHandler(
  send: WebhookSender = fetchSender,
): JobHandler<'webhook.deliver'> {
  return async function handleWebhookDelivery(job, { env, ports, d1 }) {
    const db = d1;
    const now = ports.now();
    const claimed = await db
      .prepare(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, lease_until = NULL, next_attempt_at = ?3
         WHERE id = ?1 AND tenant_id = ?2 AND status = 'pending' AND lease_until IS NOT NULL AND lease_until - ?5 <= ?4
         RETURNING attempts, event_id, event_type, payload,
           (SELECT case_id FROM outbound_events e WHERE e.id = event_id AND e.tenant_id = ?2) AS case_id,
           (SELECT url FROM webhook_subscriptions s WHERE s.id = subscription_id AND s.tenant_id = ?2) AS url,
           (SELECT secret FROM webhook_subscriptions s WHERE s.id = subscription_id AND s.tenant_id = ?2) AS secret,
           (SELECT active FROM webhook_subscriptions s WHERE s.id = subscription_id AND s.tenant_id = ?2) AS active`,
      )
      .bind(job.deliveryId, job.tenantId, now + ATTEMPT_LEASE_MS, now, DISPATCH_LEASE_MS)
      .first<ClaimedDelivery>();
    if (claimed === null) return afterLostClaim(db, job, now);
    const target = claimed.url === null ? null : checkWebhookTarget(claimed.url, env.DOORSTEP_MODE);
    let statusCode: number | null = null;
    let error: string | null = null;
    let giveUp = false;
    if (target === null || !target.ok || claimed.active !== 1 || claimed.secret === null) {
      error = target !== null && !target.ok ? `target ${target.reason}` : 'subscription inactive';
      giveUp = true;
    } else {
      // Asked before every attempt: a flag raised since the event was recorded stops it here. A record
      // for core banking contacts nobody, so there is nothing to ask.
      const stance: EventStance = EVENT_STANCES[claimed.event_type];
      if (!isRecordStance(stance)) {
        if (claimed.case_id === null) throw new Error(`delivery ${job.deliveryId} names no recorded event`);
        const { verdict: judged } = await judgeOnCase(
          db,
          { tenantId: job.tenantId, caseId: claimed.case_id },
          stance,
          now,
        );
        if (!judged.allowed) {
          await suppressDelivery(db, ports.newId('aud'), job, claimed, judged, now);
          return { kind: 'done' };
        }
      }
      const headers = await signWebhook({
        secret: claimed.secret,
        id: claimed.event_id,
        timestampSeconds: Math.floor(now / 1000),
        body: claimed.payload,
      });
      const answer = await send({ url: target.url, headers, body: claimed.payload });
      statusCode = answer.statusCode;
      error = answer.statusCode === null ? answer.error : null;
    }
    const verdict = giveUp
      ? { status: 'failed' as const }
      : afterDeliveryAttempt({ attempts: claimed.attempts, statusCode, now });
    await db
      .prepare(
        `UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?, delivered_at = ?
         WHERE id = ? AND tenant_id = ? AND attempts = ? AND status = 'pending'`,
      )
      .bind(
        verdict.status,
        verdict.status === 'pending' ? verdict.nextAttemptAt : null,
        statusCode,
        error,
        verdict.status === 'delivered' ? now : null,
        job.deliveryId,
        job.tenantId,
        claimed.attempts,
      )
      .run();
    return { kind: 'done' };
  };
}

export const handleWebhookDelivery = createWebhookDeliveryHandler();

/**
 * Ends a delivery compliance barred, as `suppressed` with the rule, and audits it as the system's
 * decision, in one batch guarded on this attempt. Final: no retry, no redelivery.
 */
async function suppressDelivery(
  db: D1Database,
  auditId: string,
  job: { tenantId: string; deliveryId: string },
  claimed: ClaimedDelivery,
  verdict: Extract<ActionVerdict, { allowed: false }>,
  now: number,
): Promise<void> {
  const { rule, message } = verdict.barredBy;
  await db.batch([
    db
      .prepare(
        `UPDATE webhook_deliveries SET status = 'suppressed', next_attempt_at = NULL, last_error = ?
         WHERE id = ? AND tenant_id = ? AND attempts = ? AND status = 'pending'`,
      )
      .bind(`compliance: ${rule}`, job.deliveryId, job.tenantId, claimed.attempts),
    db
      .prepare(
        `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, reason, data)
         SELECT ?, ?, ?, NULL, 'system', 'webhook-delivery.suppressed', 'case', ?, ?, ?
         WHERE changes() = 1`,
      )
      .bind(
        auditId,
        job.tenantId,
        now,
        claimed.case_id,
        message,
        JSON.stringify({
          deliveryId: job.deliveryId,
          eventId: claimed.event_id,
          eventType: claimed.event_type,
          rule,
          vetoes: vetoSummary(verdict.vetoes),
        }),
      ),
  ]);
}
