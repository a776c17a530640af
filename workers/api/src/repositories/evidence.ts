import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { evidence, visits } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { visitScope } from './scope';

export type EvidenceRow = typeof evidence.$inferSelect;

/** One evidence item of a visit the key may see (the visit's scope decides: an agent's own visits). */
export function findEvidence(db: Database, auth: AuthContext, visitId: string, evidenceId: string) {
  return db
    .select({ evidence })
    .from(evidence)
    .innerJoin(visits, and(eq(visits.tenantId, evidence.tenantId), eq(visits.id, evidence.visitId)))
    .where(and(visitScope(auth), eq(visits.id, visitId), eq(evidence.id, evidenceId)))
    .get();
}

/** A visit's evidence, oldest first; the caller has checked the visit is in scope. */
export function listEvidence(db: Database, tenantId: string, visitId: string) {
  return db
    .select()
    .from(evidence)
    .where(and(eq(evidence.tenantId, tenantId), eq(evidence.visitId, visitId)))
    .orderBy(asc(evidence.createdAt), asc(evidence.id))
    .all();
}

/** Which of `ids` are stored evidence of the visit: an outcome may cite only those. */
export async function storedEvidenceIds(
  db: Database,
  tenantId: string,
  visitId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(
      and(
        eq(evidence.tenantId, tenantId),
        eq(evidence.visitId, visitId),
        eq(evidence.status, 'stored'),
        inArray(evidence.id, [...ids]),
      ),
    )
    .all();
  return new Set(rows.map((row) => row.id));
}

/** Where a case's evidence lives in R2: one prefix per case, so retention finds all of it. */
export const evidenceObjectKey = (tenantId: string, caseId: string, evidenceId: string) =>
  `${tenantId}/${caseId}/${evidenceId}`;

/**
 * An outcome's `evidence` column: stored evidence ids (`{ evidenceId }`) since evidence lives in R2,
 * free-text references (plain strings) in outcomes recorded before. Both are read back, apart.
 */
export function evidenceOf(column: unknown): { ids: string[]; legacyRefs: string[] } {
  const items = Array.isArray(column) ? (column as unknown[]) : [];
  const ids: string[] = [];
  const legacyRefs: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') legacyRefs.push(item);
    else if (typeof item === 'object' && item !== null && 'evidenceId' in item)
      ids.push(String((item as { evidenceId: unknown }).evidenceId));
  }
  return { ids, legacyRefs };
}

/** The column value for an outcome citing `ids`. */
export const evidenceColumn = (ids: readonly string[]) => ids.map((evidenceId) => ({ evidenceId }));
