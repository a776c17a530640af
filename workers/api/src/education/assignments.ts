import { localDateAt } from '@doorstep/core';
import {
  type CustomerChoice,
  isJurisdiction,
  isLessonLanguage,
  type Jurisdiction,
  type Lesson,
  type LessonLanguage,
  type RelationshipChoice,
} from '@doorstep/education';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { customers, lessonAssignments } from '../db/schema';
import type { Guard } from '../follow-ups/guard';
import type { AuthContext } from '../http/app-env';
import type { RuntimePorts } from '../ports/runtime';
import { customerScope } from '../repositories/scope';
import { announceStatements } from '../webhooks/outbox';
import { lessonAsShown, snapshotStatement } from './lesson-store';

export type LessonAssignmentRow = typeof lessonAssignments.$inferSelect;
export type AssignmentKey = [assignedAt: number, id: string];

/** An assignment whose customer the key may see; anything else is not found. */
export function findAssignment(db: Database, auth: AuthContext, assignmentId: string) {
  return db
    .select({ assignment: lessonAssignments })
    .from(lessonAssignments)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, lessonAssignments.tenantId), eq(customers.id, lessonAssignments.customerId)),
    )
    .where(and(customerScope(auth), eq(lessonAssignments.id, assignmentId)))
    .get()
    .then((row) => row?.assignment);
}

/**
 * An assignment the key may see, with the version of the lesson its customer was shown, or null when
 * there is no such assignment. A missing version's text is a bug (it is stored with the assignment).
 */
export async function findAssignmentWithLesson(
  db: Database,
  d1: D1Database,
  auth: AuthContext,
  assignmentId: string,
  now: number,
): Promise<{
  row: LessonAssignmentRow;
  lesson: Lesson;
  language: LessonLanguage;
  jurisdiction: Jurisdiction;
} | null> {
  const row = await findAssignment(db, auth, assignmentId);
  if (!row) return null;
  const lesson = await lessonAsShown(d1, row.tenantId, row.lessonId, row.lessonVersion, now);
  if (!lesson || !isJurisdiction(row.jurisdiction) || !isLessonLanguage(row.language))
    throw new Error(`assignment ${row.id}: version ${row.lessonVersion} of ${row.lessonId} is not stored`);
  return { row, lesson, language: row.language, jurisdiction: row.jurisdiction };
}

/** An assignment just written or read by this request: its absence is a bug, not a 404. */
export async function assignmentById(
  db: Database,
  tenantId: string,
  id: string,
): Promise<LessonAssignmentRow> {
  const row = await db
    .select()
    .from(lessonAssignments)
    .where(and(eq(lessonAssignments.tenantId, tenantId), eq(lessonAssignments.id, id)))
    .get();
  if (!row) throw new Error(`lesson assignment ${id} vanished`);
  return row;
}

/** The customer's assignment of a lesson, if any (there is at most one). */
export function findAssignmentOfLesson(db: Database, tenantId: string, customerId: string, lessonId: string) {
  return db
    .select()
    .from(lessonAssignments)
    .where(
      and(
        eq(lessonAssignments.tenantId, tenantId),
        eq(lessonAssignments.customerId, customerId),
        eq(lessonAssignments.lessonId, lessonId),
      ),
    )
    .get();
}

/** A customer's lessons newest first, keyset on `(assigned_at, id)` over the customer-time index. */
export function listCustomerAssignments(
  db: Database,
  tenantId: string,
  customerId: string,
  page: { limit: number; after: AssignmentKey | null },
) {
  const conditions = [eq(lessonAssignments.tenantId, tenantId), eq(lessonAssignments.customerId, customerId)];
  if (page.after !== null)
    conditions.push(
      sql`(${lessonAssignments.assignedAt}, ${lessonAssignments.id}) < (${page.after[0]}, ${page.after[1]})`,
    );
  return db
    .select()
    .from(lessonAssignments)
    .where(and(...conditions))
    .orderBy(desc(lessonAssignments.assignedAt), desc(lessonAssignments.id))
    .limit(page.limit + 1)
    .all();
}

export const assignmentKeyOf = (row: LessonAssignmentRow): AssignmentKey => [row.assignedAt, row.id];

/** What the offer decision reads about a customer, in one round trip. */
export interface CustomerOfferFacts {
  language: string | null;
  choice: CustomerChoice;
  assignedLessonIds: string[];
}

export async function readCustomerOfferFacts(
  d1: D1Database,
  tenantId: string,
  customerId: string,
): Promise<CustomerOfferFacts | null> {
  const [customer, preference, assigned] = await d1.batch([
    d1.prepare('SELECT language FROM customers WHERE tenant_id = ? AND id = ?').bind(tenantId, customerId),
    d1
      .prepare(
        'SELECT choice, stated_at FROM relationship_preferences WHERE tenant_id = ? AND customer_id = ?',
      )
      .bind(tenantId, customerId),
    d1
      .prepare('SELECT lesson_id FROM lesson_assignments WHERE tenant_id = ? AND customer_id = ?')
      .bind(tenantId, customerId),
  ]);
  const row = customer?.results[0] as { language: string | null } | undefined;
  if (row === undefined) return null;
  const choice = preference?.results[0] as { choice: RelationshipChoice; stated_at: number } | undefined;
  return {
    language: row.language,
    choice: choice ? { value: choice.choice, statedAt: choice.stated_at } : null,
    assignedLessonIds: ((assigned?.results ?? []) as { lesson_id: string }[]).map((r) => r.lesson_id),
  };
}

export interface NewAssignment {
  tenantId: string;
  customerId: string;
  caseId: string;
  lesson: Lesson;
  language: LessonLanguage;
  jurisdiction: Jurisdiction;
  timeZone: string;
  source: LessonAssignmentRow['source'];
  /** The timer or API key that assigned it. */
  sourceId: string;
  /** What the `education.assigned` event names as its cause: the timer that fired; default the assignment. */
  eventSourceId?: string;
  now: number;
}

/**
 * The writes of one assignment, for the caller's batch: the version's snapshot, the assignment (one per
 * customer and lesson: a second offer of the same lesson changes nothing) and its `education.assigned`
 * event, announced only if this very row was written. `guard` is the caller's precondition (a timer's
 * claim); every statement carries it.
 */
export function assignmentStatements(
  d1: D1Database,
  ports: RuntimePorts,
  input: NewAssignment,
  guard: Guard,
): { id: string; statements: D1PreparedStatement[]; deliveryStatementIndexes: number[]; created: Guard } {
  const id = ports.newId('edu');
  const { tenantId, lesson, now } = input;
  const insert = d1
    .prepare(
      `INSERT INTO lesson_assignments
         (id, tenant_id, customer_id, case_id, lesson_id, lesson_version, language, jurisdiction, source, source_id, assigned_at, local_date)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${guard.sql}
       ON CONFLICT (tenant_id, customer_id, lesson_id) DO NOTHING`,
    )
    .bind(
      id,
      tenantId,
      input.customerId,
      input.caseId,
      lesson.id,
      lesson.version,
      input.language,
      input.jurisdiction,
      input.source,
      input.sourceId,
      now,
      localDateAt(new Date(now).toISOString(), input.timeZone),
      ...guard.binds,
    );
  const created: Guard = {
    sql: `EXISTS (SELECT 1 FROM lesson_assignments WHERE tenant_id = ? AND id = ?) AND ${guard.sql}`,
    binds: [tenantId, id, ...guard.binds],
  };
  const announced = announceStatements(d1, ports, {
    tenantId,
    sourceId: input.eventSourceId ?? id,
    events: [
      {
        type: 'education.assigned',
        caseId: input.caseId,
        data: {
          moduleId: lesson.id,
          assignmentId: id,
          lessonId: lesson.id,
          lessonVersion: lesson.version,
          language: input.language,
        },
      },
    ],
    now,
    guard: created,
  });
  return {
    id,
    statements: [snapshotStatement(d1, tenantId, lesson, now), insert, ...announced.statements],
    deliveryStatementIndexes: announced.deliveryStatementIndexes.map((i) => i + 2),
    created,
  };
}
