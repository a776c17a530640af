/**
 * Storage of experiments and their assignments. The assignment itself (hash, stratum, arm, compliance)
 * is `@doorstep/evaluation`'s `assignCase`; this module only reads cases and writes what it decided.
 */
import {
  type Assignment,
  assignCase,
  type DelinquencyBucket,
  delinquencyBuckets,
  type ExperimentDefinition,
} from '@doorstep/evaluation';

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

const asBucket = (bucket: string): DelinquencyBucket =>
  (delinquencyBuckets as readonly string[]).includes(bucket) ? (bucket as DelinquencyBucket) : 'M1';

/**
 * Enrols the next chunk of screened cases after `afterCaseId` (by id), returning where the next chunk
 * starts, or null when none are left or another delivery already moved on. A case's arm depends only on the salt, its bucket and its id, and the insert
 * ignores cases already enrolled, so a redelivered message changes nothing.
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
  if (results.length === 0) {
    await d1
      .prepare('UPDATE experiments SET enrolled_through = NULL WHERE tenant_id = ? AND id = ?')
      .bind(tenantId, experiment.id)
      .run();
    return null;
  }
  const assignments: Assignment[] = results.map((row) =>
    assignCase(experiment.definition, {
      caseId: row.id,
      bucket: asBucket(row.bucket),
      eligibility:
        row.eligible === 1
          ? { eligible: true }
          : {
              eligible: false,
              reasons: [{ code: 'screening.ineligible', data: {}, message: 'Not eligible at screening' }],
            },
    }),
  );
  const insert = d1.prepare(
    `INSERT INTO experiment_assignments (tenant_id, experiment_id, case_id, arm, eligible, stratum, hash, assigned_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const next = results.length < ASSIGNMENT_CHUNK ? null : results[results.length - 1]!.id;
  // Only the delivery that moves the cursor from where this chunk started may enqueue the next chunk:
  // a redelivered or duplicated message re-inserts nothing and starts no second chain.
  const advance = d1
    .prepare(
      'UPDATE experiments SET enrolled_through = ? WHERE tenant_id = ? AND id = ? AND enrolled_through = ?',
    )
    .bind(next, tenantId, experiment.id, afterCaseId ?? '');
  const outcomes = await d1.batch([
    ...assignments.map((a) =>
      insert.bind(tenantId, experiment.id, a.caseId, a.arm, a.eligible ? 1 : 0, a.stratum, a.hash, now),
    ),
    advance,
  ]);
  const advanced = (outcomes[outcomes.length - 1]?.meta.changes ?? 0) > 0;
  return advanced ? next : null;
}

/**
 * The running experiments, if any, that hold this case out of visits. An excluded case (compliance) is
 * not "held out" by the experiment: compliance already keeps it from a visit.
 */
export async function holdingExperiments(
  d1: D1Database,
  tenantId: string,
  caseId: string,
): Promise<string[]> {
  const { results } = await d1
    .prepare(
      `SELECT assignment.experiment_id AS id FROM experiment_assignments assignment
       JOIN experiments experiment ON experiment.id = assignment.experiment_id
       WHERE assignment.tenant_id = ? AND assignment.case_id = ? AND assignment.arm = 'holdout'
         AND assignment.eligible = 1 AND experiment.status = 'running'`,
    )
    .bind(tenantId, caseId)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/**
 * SQL predicate for planners selecting cases to visit: true unless a running experiment holds the case
 * out. `tenantParameter` is the placeholder the caller binds the tenant id to (e.g. `?1`).
 */
export const notHeldOutSql = (caseIdColumn: string, tenantParameter: string) =>
  `NOT EXISTS (SELECT 1 FROM experiment_assignments held JOIN experiments running ON running.id = held.experiment_id
     WHERE held.tenant_id = ${tenantParameter} AND held.case_id = ${caseIdColumn} AND held.arm = 'holdout' AND held.eligible = 1
       AND running.status = 'running')`;
