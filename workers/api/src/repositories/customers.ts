import { and, asc, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { inJsonList } from '../db/json-list';
import { customers } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { customerScope } from './scope';

export type CustomerRow = typeof customers.$inferSelect;

/** Keyset on id over `customers_tenant_id_idx`. */
export function listCustomers(
  db: Database,
  auth: AuthContext,
  page: { limit: number; after: string | null },
) {
  const conditions = [customerScope(auth)];
  if (page.after !== null) conditions.push(gt(customers.id, page.after));
  return db
    .select()
    .from(customers)
    .where(and(...conditions))
    .orderBy(asc(customers.id))
    .limit(page.limit + 1)
    .all();
}

export function findCustomer(db: Database, auth: AuthContext, customerId: string) {
  return db
    .select()
    .from(customers)
    .where(and(customerScope(auth), eq(customers.id, customerId)))
    .get();
}

/** By the core-banking customer numbers (`customers_tenant_ref_uq`); refs the key cannot see are simply absent. */
export function findCustomersByRef(db: Database, auth: AuthContext, refs: readonly string[]) {
  return db
    .select()
    .from(customers)
    .where(and(customerScope(auth), inJsonList(customers.externalRef, refs)))
    .all();
}
