import type { Case, CaseStatus, IdSource, TenantSettings } from '@doorstep/core';
import type { cases, tenants } from '../db/schema';
import type { RuntimePorts } from '../ports/runtime';

/**
 * D1 rows → the core's domain values. Ids in D1 already carry the core's prefixes; the casts state
 * that, they convert nothing.
 */
export function coreCase(row: typeof cases.$inferSelect): Case {
  return {
    id: row.id as Case['id'],
    customerId: row.customerId as Case['customerId'],
    accountId: row.accountId as Case['accountId'],
    status: row.status as CaseStatus,
    openedAt: new Date(row.openedAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export function coreTenant(row: typeof tenants.$inferSelect): TenantSettings {
  return {
    tenantId: row.id as TenantSettings['tenantId'],
    timeZone: row.timeZone,
    currency: row.currency,
    jurisdictionPackId: row.jurisdiction,
  };
}

export function idSource(ports: RuntimePorts): IdSource {
  return { next: (prefix) => ports.newId(prefix) as ReturnType<IdSource['next']> };
}
