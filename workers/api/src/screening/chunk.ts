import { parseBucket, type ResolvedPolicySet, screenCase, transition } from '@doorstep/core';
import { assignCase, type ExperimentDefinition } from '@doorstep/evaluation';
import { type SQL, sql } from 'drizzle-orm';
import { withJurisdictionPack } from '../compliance/enforce';
import {
  pastContactsQuery,
  pastVisitsQuery,
  tenantHolidays,
  visitHistoryOf,
} from '../compliance/visit-history';
import type { Database } from '../db/client';
import type { policySets, tenants } from '../db/schema';
import type { RuntimePorts } from '../ports/runtime';
import {
  assignAll,
  assignmentsInsert,
  runningChallengerQuery,
  runningExperimentsQuery,
} from '../reports/experiments';
import {
  type DecidingPolicy,
  decidedBy,
  decidingPolicyOf,
  type Enrolment,
  enrolmentsOf,
  resolveDeciding,
} from '../repositories/deciding-policy';
import { coreTenant, idSource } from '../repositories/domain';
import { latestRiskQuery, riskFactOf } from '../risk/facts';
import {
  type AccountRow,
  brokenPromisesQuery,
  customerAccountsQuery,
  loadChunk,
  type ScreeningFilter,
  screeningInputOf,
} from './load';

/** The tenant and the policy-set row of the run's version (none: the platform defaults). */
export interface TenantPolicy {
  tenant: typeof tenants.$inferSelect;
  policy: typeof policySets.$inferSelect | null;
}

/** Cases per chunk: one request or one queue message screens at most this many (bounded CPU and batch size). */
export const CHUNK_SIZE = 100;

export interface RunRef {
  id: string;
  tenantId: string;
  filter: ScreeningFilter;
  policyVersion: number;
  afterCaseId: string | null;
}

export interface ScreenedChunk {
  /** Statements that store decisions, update the cases and advance the run; for the caller's one batch. */
  writes: SQL[];
  screened: number;
  eligible: number;
  lastCaseId: string | null;
  done: boolean;
}

/**
 * Read (the chunk, then its customers' past visits and broken promises) → decide (the core's `screenCase`)
 * → writes for one chunk. A case is updated only at the version read: one that moved meanwhile (planned,
 * cured, touched by intake) keeps its newer state and is screened again by a later run. The writes are
 * set-based over a JSON array (`json_each`), so a chunk is three statements whatever its size. Decision ids are derived from
 * run and case, so a repeated chunk inserts nothing new.
 */
export async function screenChunk(
  db: Database,
  ports: RuntimePorts,
  run: RunRef,
  { tenant: tenantRow, policy }: TenantPolicy,
): Promise<ScreenedChunk> {
  const champion: DecidingPolicy = {
    version: run.policyVersion,
    document: policy?.document ?? null,
    experimentId: null,
    arm: null,
  };
  const championSet = withJurisdictionPack(resolveDeciding(run.tenantId, champion), {
    tenant: tenantRow,
    policyDocument: policy?.document ?? null,
    policyVersion: policy?.version ?? null,
  });
  const rows = await loadChunk(db, run.tenantId, run.filter, run.afterCaseId, CHUNK_SIZE);
  const chunk = rows.slice(0, CHUNK_SIZE);
  const customerIds = sql`(SELECT value FROM json_each(${JSON.stringify(chunk.map((row) => row.customer.id))}))`;
  const accountIds = sql`(SELECT value FROM json_each(${JSON.stringify(chunk.map((row) => row.account.id))}))`;
  const [[pastVisits, pastContacts, broken, running, customerAccounts, challengers, risks], enrolled] =
    await Promise.all([
      db.batch([
        pastVisitsQuery(db, run.tenantId, customerIds, null),
        pastContactsQuery(db, run.tenantId, customerIds),
        brokenPromisesQuery(db, run.tenantId, customerIds),
        runningExperimentsQuery(db, run.tenantId),
        customerAccountsQuery(db, run.tenantId, customerIds),
        runningChallengerQuery(db, run.tenantId),
        latestRiskQuery(db, run.tenantId, accountIds),
      ]),
      enrolmentsOf(
        db.$client,
        run.tenantId,
        chunk.map((row) => row.kase.id),
      ),
    ]);
  const deciding = decidingPolicies(
    running.map((row) => row.definition as ExperimentDefinition),
    challengers[0] ?? null,
    enrolled,
    champion,
  );
  // Compliance is not what a challenger tries out: every arm answers to the tenant's (the active set's
  // policies and the jurisdiction pack), as visits, check-ins and outcomes do, so no path allows what another refuses.
  const sets = new Map<number, ResolvedPolicySet>([[champion.version, championSet]]);
  const setOf = (policy: DecidingPolicy): ResolvedPolicySet => {
    let set = sets.get(policy.version);
    if (set === undefined) {
      set = { ...resolveDeciding(run.tenantId, policy), compliance: championSet.compliance };
      sets.set(policy.version, set);
    }
    return set;
  };
  const brokenOf = new Map(broken.map((row) => [row.customerId, row.broken]));
  const riskOf = new Map(risks.map((row) => [row.accountId, riskFactOf(row)]));
  const accountsOf = new Map<string, AccountRow[]>();
  for (const account of customerAccounts) {
    const list = accountsOf.get(account.customerId);
    if (list) list.push(account);
    else accountsOf.set(account.customerId, [account]);
  }
  const tenant = coreTenant(tenantRow);
  const holidays = tenantHolidays(tenantRow);
  const now = ports.now();
  const nowIso = new Date(now).toISOString();
  const ctx = { now: nowIso, ids: idSource(ports) };
  const decisions = chunk.map((row) => {
    const contactHistory = visitHistoryOf(pastVisits, pastContacts, row.customer.id);
    const brokenPromises = brokenOf.get(row.customer.id) ?? 0;
    const input = screeningInputOf(row, tenant, nowIso, {
      contactHistory,
      holidays,
      brokenPromises,
      accounts: accountsOf.get(row.customer.id) ?? [],
      risk: riskOf.get(row.account.id) ?? null,
    });
    const policy = deciding(row.kase.id, row.kase.bucket);
    const set = setOf(policy);
    const decided = screenCase(set, input, ctx);
    if (!decided.ok) throw new Error(`screening policy failed on a case: ${decided.error.policyId}`);
    const { eligible, priority, reasons } = decided.value;
    const moved = transition(input.case, {
      type: eligible ? 'screened_eligible' : 'screened_ineligible',
      at: nowIso,
    });
    return {
      id: `${run.id}:${row.kase.id}`,
      caseId: row.kase.id,
      bucket: row.kase.bucket,
      eligible,
      priority,
      reasons,
      status: moved.ok ? moved.value.status : row.kase.status,
      readVersion: row.kase.version,
      policyVersion: policy.version,
      decidedBy: decidedBy(policy, set),
    };
  });
  const lastCaseId = chunk.at(-1)?.kase.id ?? run.afterCaseId;
  const done = rows.length <= CHUNK_SIZE;
  const eligible = decisions.filter((d) => d.eligible).length;
  const payload = JSON.stringify(decisions);
  // Enrolled as they are screened: the experiment's own pass only covers cases screened before it ran.
  const assignments = assignAll(
    running.map((row) => row.definition as ExperimentDefinition),
    decisions.map((d) => ({
      caseId: d.caseId,
      bucket: d.bucket,
      eligibility: d.eligible ? { eligible: true } : { eligible: false, reasons: d.reasons },
    })),
  );
  const writes = [
    sql`INSERT OR IGNORE INTO screening_decisions (id, tenant_id, case_id, policy_version, eligible, priority, reasons, decided_at, decided_by)
      SELECT json_extract(value, '$.id'), ${run.tenantId}, json_extract(value, '$.caseId'), json_extract(value, '$.policyVersion'),
        json_extract(value, '$.eligible'), json_extract(value, '$.priority'), json_extract(value, '$.reasons'), ${now},
        json_extract(value, '$.decidedBy')
      FROM json_each(${payload})`,
    sql`UPDATE cases SET eligible = d.eligible, priority = d.priority, status = d.status,
        last_screened_at = ${now}, updated_at = ${now}, version = version + 1
      FROM (SELECT json_extract(value, '$.caseId') AS case_id, json_extract(value, '$.eligible') AS eligible,
              json_extract(value, '$.priority') AS priority, json_extract(value, '$.status') AS status,
              json_extract(value, '$.readVersion') AS read_version
            FROM json_each(${payload})) AS d
      WHERE +cases.tenant_id = ${run.tenantId} AND cases.id = d.case_id AND cases.version = d.read_version`,
    sql`UPDATE screening_runs SET screened = screened + ${decisions.length}, eligible = eligible + ${eligible},
        after_case_id = ${lastCaseId}, status = ${done ? 'completed' : 'running'}, completed_at = ${done ? now : null},
        progressed_at = ${now}
      WHERE tenant_id = ${run.tenantId} AND id = ${run.id}`,
    ...(assignments.length > 0 ? [assignmentsInsert(run.tenantId, assignments, now)] : []),
  ];
  return { writes, screened: decisions.length, eligible, lastCaseId, done };
}

/**
 * Who screens each case: the arm it is enrolled in, or, for a case not enrolled yet, the arm the running
 * challenger experiment's hash draws for it now — the same `assignCase` whose assignment this chunk's
 * batch inserts, so the set that screens a case and the arm it is enrolled in always agree.
 */
function decidingPolicies(
  running: readonly ExperimentDefinition[],
  challenger: { experimentId: string; version: number; document: unknown } | null,
  enrolled: ReadonlyMap<string, Enrolment>,
  champion: DecidingPolicy,
) {
  const experiment = running.find(
    (definition) => definition.challenger !== null && definition.id === challenger?.experimentId,
  );
  return (caseId: string, bucket: string): DecidingPolicy => {
    let enrolment = enrolled.get(caseId) ?? null;
    if (enrolment === null && experiment !== undefined && challenger !== null) {
      const { arm } = assignCase(experiment, {
        caseId,
        bucket: parseBucket(bucket),
        eligibility: { eligible: true },
      });
      enrolment = { experimentId: experiment.id, arm, challenger };
    }
    return decidingPolicyOf(enrolment, champion);
  };
}

/** The run's cursor is still where this chunk started: a redelivered or stale chunk finds it moved. */
export function runAt(run: RunRef): SQL {
  return sql`EXISTS (SELECT 1 FROM screening_runs WHERE tenant_id = ${run.tenantId} AND id = ${run.id}
    AND status = 'running' AND after_case_id IS ${run.afterCaseId})`;
}
