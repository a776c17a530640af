import {
  defaultPolicySet,
  type PolicySet,
  type PolicySetProblem,
  type ResolvedPolicySet,
  resolvePolicySet,
} from '@doorstep/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { policySets } from '../db/schema';
import { ApiError } from '../http/error-codes';
import { policyRegistry } from '../plugins';

export type PolicySetRow = typeof policySets.$inferSelect;

/**
 * The platform's defaults: the core's, with visit days planned by the VRPTW solver rather than greedily,
 * early warnings from the credit-default model for accounts that send statements, and light contact
 * after a cure (check-ins at 1 and 3 months, one lesson, opt-out).
 */
export const platformDefaultPolicySet: PolicySet = {
  ...defaultPolicySet,
  planning: { id: 'route-optimised' },
  riskModel: { id: 'credit-default-gbm' },
  relationship: { id: 'post-cure-check-ins' },
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
 * Storing as one batch: insert version n+1 (n read inside the INSERT, so two writers cannot take the
 * same number: the primary key refuses the second) and, to activate it, make it the only active one.
 * Stored without activating, it is a candidate: a challenger experiment can name it.
 */
export function activationWrites(
  db: Database,
  tenantId: string,
  document: PolicySet,
  now: number,
  by: string,
  activate = true,
) {
  const nextVersion = sql`(SELECT COALESCE(MAX(version), 0) + 1 FROM policy_sets WHERE tenant_id = ${tenantId})`;
  const insert = sql`INSERT INTO policy_sets (tenant_id, version, document, active, created_at, created_by)
        VALUES (${tenantId}, ${nextVersion}, ${JSON.stringify(document)}, 0, ${now}, ${by})`;
  if (!activate) return [insert];
  return [
    insert,
    db
      .update(policySets)
      .set({ active: sql`version = (SELECT MAX(version) FROM policy_sets WHERE tenant_id = ${tenantId})` })
      .where(eq(policySets.tenantId, tenantId)),
  ];
}

/**
 * The version a store just wrote, found by who wrote it and when (not as the newest: another store may
 * have written after it).
 */
export function findStored(db: Database, tenantId: string, by: string, at: number) {
  return db
    .select()
    .from(policySets)
    .where(and(eq(policySets.tenantId, tenantId), eq(policySets.createdBy, by), eq(policySets.createdAt, at)))
    .orderBy(desc(policySets.version))
    .limit(1)
    .get();
}

/** `base`: where the document sits — the request body's `/document`, or a stored version being named. */
export function policyProblem(problems: PolicySetProblem[], base = '/document'): ApiError {
  return new ApiError('POLICY.INVALID', 'The policy set does not resolve; see `errors`.', {
    errors: problemsAsFieldErrors(problems, base),
  });
}

/** One stored version of the tenant's sets, active or not. */
export function findVersion(db: Database, tenantId: string, version: number) {
  return db
    .select()
    .from(policySets)
    .where(and(eq(policySets.tenantId, tenantId), eq(policySets.version, version)))
    .get();
}
