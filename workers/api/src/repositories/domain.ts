import {
  type Case,
  type CaseStatus,
  type Customer,
  type CustomerFlags,
  type IdSource,
  NO_CUSTOMER_FLAGS,
  type TenantSettings,
} from '@doorstep/core';
import type { cases, customers, tenants } from '../db/schema';
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

/**
 * The customer as core's contract types it, plus the `address.timeZone` extra the packs read
 * (hours are the customer's, not the bank's). D1 keeps one address line and one phone.
 */
export function coreCustomer(
  row: typeof customers.$inferSelect,
): Customer & { address: { timeZone?: string } } {
  return {
    id: row.id as Customer['id'],
    name: row.name,
    contacts: row.phone ? [{ kind: 'mobile', value: row.phone, preferred: true, doNotUse: false }] : [],
    address: {
      lines: row.addressLine ? [row.addressLine] : [],
      city: '',
      country: '',
      lat: row.lat ?? 0,
      lon: row.lon ?? 0,
      ...(row.timeZone ? { timeZone: row.timeZone } : {}),
    },
    regionId: (row.regionId ?? '') as Customer['regionId'],
    householdNotes: row.householdNotes ?? '',
    // Intake stores only the flags core banking reported; an absent flag is not set.
    flags: { ...NO_CUSTOMER_FLAGS, ...(row.flags as Partial<CustomerFlags>) },
  };
}
