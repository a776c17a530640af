import { compliancePacks } from '@doorstep/compliance';
import {
  builtInPolicies,
  createRegistry,
  defaultPolicySet,
  type PolicySet,
  type PolicySetProblem,
  type ResolvedPolicySet,
  resolvePolicySet,
} from '@doorstep/core';
import { planningPolicies } from '@doorstep/planning';
import { creditDefaultGbm, riskScore } from '@doorstep/risk-model';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { policySets } from '../db/schema';
import { ApiError } from '../http/error-codes';

export type PolicySetRow = typeof policySets.$inferSelect;

/** Every policy a tenant's set may name: the core's built-ins, the route-optimised planner, the jurisdiction packs, the early-warning model. */
export const policyRegistry = createRegistry(builtInPolicies, {
  planning: planningPolicies,
  compliance: compliancePacks,
  riskModel: [creditDefaultGbm],
  // Opt-in: a tenant adds it to `screening` to rank overdue cases by the early-warning score too.
  screening: [riskScore],
});

/**
 * The platform's defaults: the core's, with visit days planned by the VRPTW solver rather than greedily,
 * and early warnings from the credit-default model for accounts that send statements.
 */
export const platformDefaultPolicySet: PolicySet = {
  ...defaultPolicySet,
  planning: { id: 'route-optimised' },
  riskModel: { id: 'credit-default-gbm' },
};

/** A tenant that never activated a set runs on the platform defaults (version 0). */
export const DEFAULT_VERSION = 0;

/** Resolving instantiates every plugin; a version never changes once stored, so an isolate keeps each one. */
const resolved = new Map<string, ResolvedPolicySet>();

export function validatePolicySet(document: unknown) {
  return resolvePolicySet(document, policyRegistry);
}

export function problemsAsFieldErrors(problems: PolicySetProblem[], base: string) {
  return problems.map((problem) => ({
    path: `${base}/${problem.path.join('/')}`,
    in: 'body' as const,
    message: problem.message,
    code: problem.code,
  }));
}

/** The tenant's active set, resolved; a stored set that no longer resolves (a plugin removed) is a 500 by design. */
export function resolveStored(tenantId: string, version: number, document: unknown): ResolvedPolicySet {
  const cacheKey = `${tenantId}:${version}`;
  const cached = resolved.get(cacheKey);
  if (cached) return cached;
  const result = validatePolicySet(version === DEFAULT_VERSION ? platformDefaultPolicySet : document);
  if (!result.ok) throw new Error(`Stored policy set ${cacheKey} no longer resolves`);
  resolved.set(cacheKey, result.value);
  return result.value;
}

/** Subquery-free read of the active row: `(tenant_id, version)` is the key and few versions exist per tenant. */
export function findActive(db: Database, tenantId: string) {
  return db
    .select()
    .from(policySets)
    .where(and(eq(policySets.tenantId, tenantId), eq(policySets.active, true)))
    .get();
}

export async function activeResolved(db: Database, tenantId: string) {
  const row = await findActive(db, tenantId);
  return {
    version: row?.version ?? DEFAULT_VERSION,
    set: resolveStored(tenantId, row?.version ?? DEFAULT_VERSION, row?.document),
  };
}

export function listVersions(db: Database, tenantId: string) {
  return db
    .select()
    .from(policySets)
    .where(eq(policySets.tenantId, tenantId))
    .orderBy(desc(policySets.version))
    .all();
}

/**
 * Activation as one batch: insert version n+1 (n read inside the INSERT, so two activations cannot
 * take the same number: the primary key refuses the second), deactivate the others.
 */
export function activationWrites(
  db: Database,
  tenantId: string,
  document: PolicySet,
  now: number,
  by: string,
) {
  const nextVersion = sql`(SELECT COALESCE(MAX(version), 0) + 1 FROM policy_sets WHERE tenant_id = ${tenantId})`;
  return [
    sql`INSERT INTO policy_sets (tenant_id, version, document, active, created_at, created_by)
        VALUES (${tenantId}, ${nextVersion}, ${JSON.stringify(document)}, 0, ${now}, ${by})`,
    db
      .update(policySets)
      .set({ active: sql`version = (SELECT MAX(version) FROM policy_sets WHERE tenant_id = ${tenantId})` })
      .where(eq(policySets.tenantId, tenantId)),
  ];
}

export function policyProblem(problems: PolicySetProblem[]): ApiError {
  return new ApiError('POLICY.INVALID', 'The policy set does not resolve; see `errors`.', {
    errors: problemsAsFieldErrors(problems, '/document'),
  });
}
