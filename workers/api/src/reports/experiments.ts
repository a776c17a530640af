/**
 * Storage of experiments and their assignments. The assignment itself (hash, stratum, arm, compliance)
 * is `@doorstep/evaluation`'s `assignCase`; this module only reads cases and writes what it decided.
 */
import { parseBucket } from '@doorstep/core';
import {
  type Assignment,
  assignCase,
  type Eligibility,
  type ExperimentDefinition,
} from '@doorstep/evaluation';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { experiments, policySets } from '../db/schema';
import { guardedBatch } from '../repositories/audit';

/** Cases enrolled per queue message: small enough for one D1 batch, large enough to finish 200k cases quickly. */
export const ASSIGNMENT_CHUNK = 500;

export interface StoredExperiment {
  id: string;
  name: string;
  status: 'running' | 'stopped';
  definition: ExperimentDefinition;
  createdAt: number;
}

export async function findExperiment(
  d1: D1Database,
  tenantId: string,
  id: string,
): Promise<StoredExperiment | null> {
  const row = await d1
    .prepare(
      'SELECT id, name, status, definition, created_at FROM experiments WHERE tenant_id = ? AND id = ?',
    )
    .bind(tenantId, id)
    .first<{
      id: string;
      name: string;
      status: 'running' | 'stopped';
      definition: string;
      created_at: number;
    }>();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    definition: JSON.parse(row.definition) as ExperimentDefinition,
    createdAt: row.created_at,
  };
}

export async function armCounts(d1: D1Database, tenantId: string, experimentId: string) {
  const { results } = await d1
    .prepare(
      `SELECT arm, eligible, COUNT(*) AS cases FROM experiment_assignments
       WHERE tenant_id = ? AND experiment_id = ? GROUP BY arm, eligible`,
    )
    .bind(tenantId, experimentId)
    .all<{ arm: string; eligible: number; cases: number }>();
  return results.map((row) => ({ arm: row.arm, eligible: row.eligible === 1, cases: row.cases }));
}

/** A case as enrolment sees it: its bucket now (frozen into the assignment) and its screening verdict. */
export interface EnrolledCase {
  caseId: string;
  bucket: string;
  eligibility: Eligibility;
}

/** Every experiment's assignment of every case, decided by the core's `assignCase`. */
export function assignAll(
  definitions: readonly ExperimentDefinition[],
  enrolled: readonly EnrolledCase[],
): Assignment[] {
  return definitions.flatMap((definition) =>
    enrolled.map((kase) =>
      assignCase(definition, {
        caseId: kase.caseId,
        bucket: parseBucket(kase.bucket),
        eligibility: kase.eligibility,
      }),
    ),
  );
}

/**
 * One set-based insert of assignments (a JSON array expanded by `json_each`, so a chunk is one
 * statement). A case already enrolled keeps its first assignment: its arm and frozen bucket never change.
 */
export function assignmentsInsert(tenantId: string, assignments: readonly Assignment[], now: number): SQL {
  const rows = JSON.stringify(
    assignments.map((a) => ({
      experimentId: a.experimentId,
      caseId: a.caseId,
      arm: a.arm,
      eligible: a.eligible ? 1 : 0,
      stratum: a.stratum,
      hash: a.hash,
    })),
  );
  return sql`INSERT INTO experiment_assignments (tenant_id, experiment_id, case_id, arm, eligible, stratum, hash, assigned_at)
    SELECT ${tenantId}, value->>'experimentId', value->>'caseId', value->>'arm', value->>'eligible', value->>'stratum',
      value->>'hash', ${now}
    FROM json_each(${rows}) WHERE true
    ON CONFLICT DO NOTHING`;
}

/**
 * The stored set of the tenant's running challenger experiment (at most one runs at a time), for the
 * cases screening draws into its challenger arm before they are enrolled.
 */
export function runningChallengerQuery(db: Database, tenantId: string) {
  return db
    .select({ experimentId: experiments.id, version: policySets.version, document: policySets.document })
    .from(experiments)
    .innerJoin(
      policySets,
      and(
        eq(policySets.tenantId, experiments.tenantId),
        sql`${policySets.version} = CAST(json_extract(${experiments.definition}, '$.challenger.policySetVersion') AS INTEGER)`,
      ),
    )
    .where(and(eq(experiments.tenantId, tenantId), eq(experiments.status, 'running')));
}

/**
 * The definitions of a tenant's running experiments. Screening reads them with each chunk, so a case
 * screened after an experiment's first enrolment pass is enrolled when it is screened.
 */
export function runningExperimentsQuery(db: Database, tenantId: string) {
  return db
    .select({ definition: experiments.definition })
    .from(experiments)
    .where(and(eq(experiments.tenantId, tenantId), eq(experiments.status, 'running')));
}

/**
 * Enrols the next chunk of screened cases after `afterCaseId` (by id), returning where the next chunk
 * starts, or null when none are left or another delivery already moved on. A case's arm depends only on
 * the salt, its bucket and its id, and the insert ignores cases already enrolled, so a redelivered
 * message changes nothing.
 */
export async function enrolNextChunk(
  d1: D1Database,
  tenantId: string,
  experiment: StoredExperiment,
  afterCaseId: string | null,
  now: number,
): Promise<string | null> {
  const { results } = await d1
    .prepare(
      `SELECT id, bucket, eligible FROM cases
       WHERE tenant_id = ? AND eligible IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
    )
    .bind(tenantId, afterCaseId ?? '', ASSIGNMENT_CHUNK)
    .all<{ id: string; bucket: string; eligible: number }>();
  const next = results.length < ASSIGNMENT_CHUNK ? null : results[results.length - 1]!.id;
  const assignments = assignAll(
    [experiment.definition],
    results.map((row) => ({
      caseId: row.id,
      bucket: row.bucket,
      eligibility:
        row.eligible === 1
          ? { eligible: true }
          : {
              eligible: false,
              reasons: [{ code: 'screening.ineligible', data: {}, message: 'Not eligible at screening' }],
            },
    })),
  );
  // Only the delivery that finds the cursor where this chunk started may move it and enqueue the next
  // chunk: a redelivered or duplicated message commits nothing and starts no second chain.
  const { committed } = await guardedBatch(
    d1,
    [
      ...(assignments.length > 0 ? [assignmentsInsert(tenantId, assignments, now)] : []),
      sql`UPDATE experiments SET enrolled_through = ${next} WHERE tenant_id = ${tenantId} AND id = ${experiment.id}`,
    ],
    {
      holds: sql`EXISTS (SELECT 1 FROM experiments WHERE tenant_id = ${tenantId} AND id = ${experiment.id}
        AND enrolled_through = ${afterCaseId ?? ''})`,
    },
  );
  return committed ? next : null;
}

/**
 * The running experiments, if any, that hold this case out of visits. An excluded case (compliance) is
 * not "held out" by the experiment: compliance already keeps it from a visit. A route that has only a
 * visit id names the visit, so the lookup can run beside the visit's own read instead of after it.
 */
export async function holdingExperiments(
  d1: D1Database,
  tenantId: string,
  subject: { caseId: string } | { visitId: string },
): Promise<string[]> {
  const caseId = 'caseId' in subject ? '?2' : '(SELECT case_id FROM visits WHERE tenant_id = ?1 AND id = ?2)';
  const { results } = await d1
    .prepare(
      `SELECT assignment.experiment_id AS id FROM experiment_assignments assignment
       JOIN experiments experiment ON experiment.id = assignment.experiment_id
       WHERE assignment.tenant_id = ?1 AND assignment.case_id = ${caseId} AND assignment.arm = 'holdout'
         AND assignment.eligible = 1 AND experiment.status = 'running'`,
    )
    .bind(tenantId, 'caseId' in subject ? subject.caseId : subject.visitId)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/**
 * SQL predicate for selecting cases to visit: true unless a running experiment holds the case out.
 * `caseIdSql` and `tenantIdSql` are SQL expressions for the case's and the tenant's id: columns
 * (`"cases"."id"`) or a placeholder the caller binds (`?1`).
 */
export const notHeldOutSql = (caseIdSql: string, tenantIdSql: string) =>
  `NOT EXISTS (SELECT 1 FROM experiment_assignments held JOIN experiments running ON running.id = held.experiment_id
     WHERE held.tenant_id = ${tenantIdSql} AND held.case_id = ${caseIdSql} AND held.arm = 'holdout' AND held.eligible = 1
       AND running.status = 'running')`;
