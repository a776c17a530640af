import type { CaseStatus, FollowUpKind } from '@doorstep/core';
import {
  type InstalmentFacts,
  type PaymentFact,
  type PlanFacts,
  type PromiseFacts,
  type TimerPayload,
  TimerPayloadSchema,
} from '@doorstep/follow-up-engine';

export interface ClaimedTimer {
  id: string;
  tenantId: string;
  caseId: string;
  kind: FollowUpKind;
  dueAt: number;
  /** The claim's fencing token: every claim increments `attempts`, so a stale claimer's guard fails. */
  token: number;
  payload: TimerPayload;
}

export interface ReadFacts {
  timer: ClaimedTimer;
  caseStatus: CaseStatus;
  timeZone: string;
  promise: PromiseFacts | null;
  plan: PlanFacts | null;
  payments: PaymentFact[];
  educationAssigned: boolean;
}

// Every read is keyed off the timer row itself, so claim and reads travel in one batch (one round trip).
const TIMER = `(SELECT payload FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2)`;

/**
 * Claims a due timer and reads what its decision needs, in one atomic batch. The claim wins only for a
 * timer that is due and not held by a live claim; it takes a new token (`attempts + 1`) and a lease.
 * Returns `null` when the claim lost (not due, done, cancelled, or another consumer holds it).
 */
export async function claimAndRead(
  db: D1Database,
  job: { tenantId: string; timerId: string },
  now: number,
  leaseMs: number,
): Promise<ReadFacts | null> {
  const [claim, kase, tenant, promise, plan, instalments, payments, education] = await db.batch([
    db
      .prepare(
        `UPDATE follow_up_timers SET state = 'claimed', attempts = attempts + 1, lease_until = ?3, updated_at = ?4
         WHERE id = ?1 AND tenant_id = ?2 AND due_at <= ?4
           AND (state IN ('pending', 'enqueued') OR (state = 'claimed' AND lease_until <= ?4))
         RETURNING id, case_id, kind, due_at, attempts, payload`,
      )
      .bind(job.timerId, job.tenantId, now + leaseMs, now),
    db
      .prepare(
        `SELECT status FROM cases WHERE tenant_id = ?2 AND id = (SELECT case_id FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2)`,
      )
      .bind(job.timerId, job.tenantId),
    db.prepare(`SELECT time_zone FROM tenants WHERE id = ?2`).bind(job.timerId, job.tenantId),
    db
      .prepare(
        `SELECT id, amount, currency, promised_date, created_at, status FROM promises
         WHERE tenant_id = ?2 AND id = json_extract(${TIMER}, '$.promiseId')`,
      )
      .bind(job.timerId, job.tenantId),
    db
      .prepare(
        `SELECT id, status, currency, accepted_at FROM repayment_plans
         WHERE tenant_id = ?2 AND id = json_extract(${TIMER}, '$.planId')`,
      )
      .bind(job.timerId, job.tenantId),
    db
      .prepare(
        `SELECT seq, due_date, due_at, amount, status FROM instalments
         WHERE plan_id = json_extract(${TIMER}, '$.planId') AND tenant_id = ?2 ORDER BY seq`,
      )
      .bind(job.timerId, job.tenantId),
    db
      .prepare(
        `SELECT amount, currency, paid_at FROM payments
         WHERE tenant_id = ?2 AND case_id = (SELECT case_id FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2)
           AND (SELECT kind FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2) IN ('promise_check', 'instalment_reminder', 'instalment_check')
         ORDER BY paid_at`,
      )
      .bind(job.timerId, job.tenantId),
    db
      .prepare(
        `SELECT 1 AS assigned FROM education_assignments
         WHERE tenant_id = ?2 AND case_id = (SELECT case_id FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2)
           AND module_id = json_extract(${TIMER}, '$.educationTopic')`,
      )
      .bind(job.timerId, job.tenantId),
  ]);
  const row = claim?.results[0] as
    | { id: string; case_id: string; kind: FollowUpKind; due_at: number; attempts: number; payload: string }
    | undefined;
  if (row === undefined) return null;
  const caseRow = kase?.results[0] as { status: CaseStatus } | undefined;
  const tenantRow = tenant?.results[0] as { time_zone: string } | undefined;
  if (caseRow === undefined || tenantRow === undefined)
    throw new Error(`timer ${job.timerId} names a case or tenant that does not exist`);
  const p = promise?.results[0] as
    | {
        id: string;
        amount: number;
        currency: string;
        promised_date: string;
        created_at: number;
        status: PromiseFacts['status'];
      }
    | undefined;
  const pl = plan?.results[0] as
    | { id: string; status: PlanFacts['status']; currency: string; accepted_at: number | null }
    | undefined;
  const instalmentRows = (instalments?.results ?? []) as {
    seq: number;
    due_date: string;
    due_at: number;
    amount: number;
    status: InstalmentFacts['status'];
  }[];
  return {
    timer: {
      id: row.id,
      tenantId: job.tenantId,
      caseId: row.case_id,
      kind: row.kind,
      dueAt: row.due_at,
      token: row.attempts,
      payload: TimerPayloadSchema.parse(JSON.parse(row.payload)),
    },
    caseStatus: caseRow.status,
    timeZone: tenantRow.time_zone,
    promise:
      p === undefined
        ? null
        : {
            id: p.id,
            amountMinor: p.amount,
            currency: p.currency,
            promisedDate: p.promised_date,
            createdAt: p.created_at,
            status: p.status,
          },
    plan:
      pl === undefined
        ? null
        : {
            id: pl.id,
            status: pl.status,
            currency: pl.currency,
            acceptedAt: pl.accepted_at,
            instalments: instalmentRows.map((i) => ({
              sequence: i.seq,
              dueDate: i.due_date,
              dueAt: i.due_at,
              amountMinor: i.amount,
              status: i.status,
            })),
          },
    payments: ((payments?.results ?? []) as { amount: number; currency: string; paid_at: number }[]).map(
      (r) => ({
        amountMinor: r.amount,
        currency: r.currency,
        paidAt: r.paid_at,
      }),
    ),
    educationAssigned: (education?.results.length ?? 0) > 0,
  };
}
