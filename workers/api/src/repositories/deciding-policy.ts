/**
 * Which stored policy set decides for a case. The tenant's active set (the champion) decides, unless a
 * running experiment with a challenger assigned the case to its challenger arm: then the challenger's
 * stored set decides, at every stage it covers (screening, preparation, repayment, follow-ups). Each
 * decision stores `DecidedBy`, so an audit and the effect report know which set and version made it.
 */
import type { ResolvedPolicySet } from '@doorstep/core';
import { DEFAULT_VERSION, resolveStored } from './policy-sets';

export type DecidingArm = 'champion' | 'challenger' | 'holdout';

/** Stored with every policy decision (`decided_by`). */
export interface DecidedBy {
  /** The tenant's stored policy-set version (0: the platform defaults). */
  policyVersion: number;
  /** The set's own `version` label, from its document. */
  set: string;
  /** The running challenger experiment the case is enrolled in, and its arm; null outside one. */
  experimentId: string | null;
  arm: DecidingArm | null;
}

export interface DecidingPolicy {
  version: number;
  document: unknown;
  experimentId: string | null;
  arm: DecidingArm | null;
}

/** A stored policy-set row as the routes read it (null: the tenant never activated one). */
export type StoredPolicy = { version: number; document: unknown } | null;

export type CaseSubject = { caseId: string } | { visitId: string } | { planId: string };

interface EnrolmentRow {
  case_id: string;
  experiment_id: string;
  arm: DecidingArm;
  version: number | null;
  document: string | null;
}

/** A case's arm in the running challenger experiment, with the challenger's stored set (null if missing). */
export interface Enrolment {
  experimentId: string;
  arm: DecidingArm;
  challenger: { version: number; document: unknown } | null;
}

const enrolmentOf = (row: EnrolmentRow): Enrolment => ({
  experimentId: row.experiment_id,
  arm: row.arm,
  challenger:
    row.version === null ? null : { version: row.version, document: JSON.parse(row.document ?? 'null') },
});

/**
 * The cases' enrolments in running challenger experiments, with the challenger's stored set. A tenant
 * runs at most one challenger experiment at a time (creation refuses a second), so a case has at most
 * one row. Served by `assignments_case_idx`.
 */
const ENROLMENT_SQL = (cases: string) =>
  `SELECT assignment.case_id, assignment.experiment_id, assignment.arm, challenger.version, challenger.document
   FROM experiment_assignments assignment
   JOIN experiments experiment ON experiment.tenant_id = assignment.tenant_id AND experiment.id = assignment.experiment_id
   LEFT JOIN policy_sets challenger ON challenger.tenant_id = assignment.tenant_id
     AND challenger.version = CAST(json_extract(experiment.definition, '$.challenger.policySetVersion') AS INTEGER)
   WHERE assignment.tenant_id = ?1 AND assignment.case_id IN (${cases})
     AND experiment.status = 'running' AND json_extract(experiment.definition, '$.challenger') IS NOT NULL`;

const SUBJECT_SQL = {
  caseId: '?2',
  visitId: '(SELECT case_id FROM visits WHERE tenant_id = ?1 AND id = ?2)',
  planId: '(SELECT case_id FROM repayment_plans WHERE tenant_id = ?1 AND id = ?2)',
} as const;

/** The deciding policy of one case, given the tenant's active row; the lookup runs beside the caller's reads. */
export async function decidingPolicy(
  d1: D1Database,
  tenantId: string,
  subject: CaseSubject,
  active: Promise<StoredPolicy> | StoredPolicy,
): Promise<DecidingPolicy> {
  const [kind, id] = Object.entries(subject)[0] as [keyof typeof SUBJECT_SQL, string];
  const [row, champion] = await Promise.all([
    d1.prepare(ENROLMENT_SQL(SUBJECT_SQL[kind])).bind(tenantId, id).first<EnrolmentRow>(),
    active,
  ]);
  return decidingPolicyOf(row === null ? null : enrolmentOf(row), champion);
}

/** The deciding policies of many cases (a screening chunk), by case id; cases not enrolled are absent. */
export async function enrolmentsOf(
  d1: D1Database,
  tenantId: string,
  caseIds: readonly string[],
): Promise<Map<string, Enrolment>> {
  const { results } = await d1
    .prepare(ENROLMENT_SQL('SELECT value FROM json_each(?2)'))
    .bind(tenantId, JSON.stringify(caseIds))
    .all<EnrolmentRow>();
  return new Map(results.map((row) => [row.case_id, enrolmentOf(row)]));
}

/** The challenger decides for its arm when its stored set exists; everyone else gets the champion. */
export function decidingPolicyOf(enrolment: Enrolment | null, champion: StoredPolicy): DecidingPolicy {
  const active = { version: champion?.version ?? DEFAULT_VERSION, document: champion?.document ?? null };
  if (enrolment === null) return { ...active, experimentId: null, arm: null };
  const { experimentId, arm, challenger } = enrolment;
  if (arm === 'challenger' && challenger !== null) return { ...challenger, experimentId, arm };
  return { ...active, experimentId, arm };
}

/** The deciding set, resolved (and kept per isolate, like every stored version). */
export function resolveDeciding(tenantId: string, policy: DecidingPolicy): ResolvedPolicySet {
  return resolveStored(tenantId, policy.version, policy.document);
}

export function decidedBy(policy: DecidingPolicy, set: ResolvedPolicySet): DecidedBy {
  return {
    policyVersion: policy.version,
    set: set.version,
    experimentId: policy.experimentId,
    arm: policy.arm,
  };
}
