import type { CaseStatus, FollowUpKind } from '@doorstep/core';
import { isJurisdiction, type RelationshipChoice } from '@doorstep/education';
import {
  type CustomerContactFacts,
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
  customerId: string;
  /** For timers that contact the customer (lessons, check-ins after a cure); null for the others. */
  customer: CustomerContactFacts | null;
}

/** Timers whose action reaches the customer and so reads who they are now. */
const CONTACT_KINDS: readonly FollowUpKind[] = ['education', 'after_cure_check_in', 'after_cure_lesson'];

// Every read is keyed off the timer row itself, so claim and reads travel in one batch (one round trip).
const TIMER = `(SELECT payload FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2)`;
const CASE = `(SELECT case_id FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2)`;
const CUSTOMER = `(SELECT customer_id FROM cases WHERE tenant_id = ?2 AND id = ${CASE})`;
const CONTACTING = `(SELECT kind FROM follow_up_timers WHERE id = ?1 AND tenant_id = ?2) IN ('education', 'after_cure_check_in', 'after_cure_lesson')`;

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
  const [claim, kase, tenant, promise, plan, instalments, payments, customer, preference, lessons, others] =
    await db.batch([
      db
        .prepare(
          `UPDATE follow_up_timers SET state = 'claimed', attempts = attempts + 1, lease_until = ?3, updated_at = ?4
         WHERE id = ?1 AND tenant_id = ?2 AND due_at <= ?4
           AND (state IN ('pending', 'enqueued') OR (state = 'claimed' AND lease_until <= ?4))
         RETURNING id, case_id, kind, due_at, attempts, payload`,
        )
        .bind(job.timerId, job.tenantId, now + leaseMs, now),
      db
        .prepare(`SELECT status, customer_id FROM cases WHERE tenant_id = ?2 AND id = ${CASE}`)
        .bind(job.timerId, job.tenantId),
      db.prepare(`SELECT time_zone, jurisdiction FROM tenants WHERE id = ?2`).bind(job.timerId, job.tenantId),
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
        .prepare(`SELECT language FROM customers WHERE tenant_id = ?2 AND id = ${CUSTOMER} AND ${CONTACTING}`)
        .bind(job.timerId, job.tenantId),
      db
        .prepare(
          `SELECT choice, stated_at FROM relationship_preferences WHERE tenant_id = ?2 AND customer_id = ${CUSTOMER} AND ${CONTACTING}`,
        )
        .bind(job.timerId, job.tenantId),
      db
        .prepare(
          `SELECT lesson_id FROM lesson_assignments WHERE tenant_id = ?2 AND customer_id = ${CUSTOMER} AND ${CONTACTING}`,
        )
        .bind(job.timerId, job.tenantId),
      db
        .prepare(
          `SELECT 1 AS open FROM cases WHERE tenant_id = ?2 AND customer_id = ${CUSTOMER} AND ended_at IS NULL AND id <> ${CASE}
           AND ${CONTACTING} LIMIT 1`,
        )
        .bind(job.timerId, job.tenantId),
    ]);
  const row = claim?.results[0] as
    | { id: string; case_id: string; kind: FollowUpKind; due_at: number; attempts: number; payload: string }
    | undefined;
  if (row === undefined) return null;
  const caseRow = kase?.results[0] as { status: CaseStatus; customer_id: string } | undefined;
  const tenantRow = tenant?.results[0] as { time_zone: string; jurisdiction: string } | undefined;
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
    customerId: caseRow.customer_id,
    customer: contactFacts(row.kind, tenantRow.jurisdiction, {
      customer: customer?.results[0] as { language: string | null } | undefined,
      preference: preference?.results[0] as { choice: RelationshipChoice; stated_at: number } | undefined,
      lessons: (lessons?.results ?? []) as { lesson_id: string }[],
      delinquentAgain: (others?.results.length ?? 0) > 0,
    }),
  };
}

function contactFacts(
  kind: FollowUpKind,
  jurisdiction: string,
  read: {
    customer: { language: string | null } | undefined;
    preference: { choice: RelationshipChoice; stated_at: number } | undefined;
    lessons: { lesson_id: string }[];
    delinquentAgain: boolean;
  },
): CustomerContactFacts | null {
  if (!CONTACT_KINDS.includes(kind)) return null;
  if (read.customer === undefined) throw new Error(`a ${kind} timer's case has no customer row`);
  if (!isJurisdiction(jurisdiction))
    throw new Error(`lessons have no sections for jurisdiction ${jurisdiction}`);
  return {
    jurisdiction,
    language: read.customer.language,
    choice: read.preference ? { value: read.preference.choice, statedAt: read.preference.stated_at } : null,
    assignedLessonIds: read.lessons.map((lesson) => lesson.lesson_id),
    delinquentAgain: read.delinquentAgain,
  };
}
