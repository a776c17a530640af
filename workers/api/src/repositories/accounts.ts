import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { inJsonList } from '../db/json-list';
import { accounts, cases, customers } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { accountScope } from './scope';

/**
 * An account with what a core system reconciles it by: its customer's number and the case open on it
 * (at most one: intake opens a case per delinquency episode and ends it before another can open).
 */
function accountsWithRefs(db: Database, where: SQL | undefined) {
  return db
    .select({
      account: accounts,
      customerRef: customers.externalRef,
      openCaseId: sql<
        string | null
      >`(SELECT ${cases.id} FROM ${cases} WHERE ${cases.tenantId} = ${accounts.tenantId}
        AND ${cases.accountId} = ${accounts.id} AND ${cases.endedAt} IS NULL LIMIT 1)`,
    })
    .from(accounts)
    .innerJoin(
      customers,
      and(eq(customers.tenantId, accounts.tenantId), eq(customers.id, accounts.customerId)),
    )
    .where(where);
}

export type AccountView = Awaited<ReturnType<typeof findAccount>> & {};

export function findAccount(db: Database, auth: AuthContext, accountId: string) {
  return accountsWithRefs(db, and(accountScope(auth), eq(accounts.id, accountId))).get();
}

/** By the core-banking account numbers (`accounts_tenant_ref_uq`); refs the key cannot see are simply absent. */
export function findAccountsByRef(db: Database, auth: AuthContext, refs: readonly string[]) {
  return accountsWithRefs(db, and(accountScope(auth), inJsonList(accounts.externalRef, refs))).all();
}
