import {
  type Account,
  type Case,
  type CaseStatus,
  type CreditHistory,
  type Customer,
  type CustomerFlags,
  type DelinquencySnapshot,
  type IdSource,
  NO_CUSTOMER_FLAGS,
  type TenantSettings,
} from '@doorstep/core';
import type { accounts, cases, customers, delinquencySnapshots, tenants } from '../db/schema';
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
    ...(row.language ? { language: row.language } : {}),
  };
}

export function coreAccount(row: typeof accounts.$inferSelect): Account {
  const base = {
    id: row.id as Account['id'],
    customerId: row.customerId as Account['customerId'],
    product: row.product,
    currency: row.currency,
  };
  return row.kind === 'loan'
    ? { ...base, type: 'loan', principalMinor: row.limitOrPrincipal }
    : { ...base, type: 'credit_card', limitMinor: row.limitOrPrincipal };
}

/**
 * An as-of column as an instant. Intake stores the instant core banking sent; older rows and the demo
 * seed hold a bare date, which ISO parsing reads as that day's UTC midnight. (Appending a time to the
 * column gave `…ZT00:00:00.000Z` for intake's rows, which no client can parse.)
 */
export function asOfInstant(stored: string): string {
  const at = Date.parse(stored);
  if (Number.isNaN(at)) throw new Error(`unreadable as-of value ${JSON.stringify(stored)}`);
  return new Date(at).toISOString();
}

export function coreSnapshot(row: typeof delinquencySnapshots.$inferSelect): DelinquencySnapshot {
  return {
    accountId: row.accountId as DelinquencySnapshot['accountId'],
    asOf: asOfInstant(row.asOf),
    sequence: row.sequence,
    dpd: row.dpd,
    currency: row.currency,
    overduePrincipalMinor: row.overduePrincipal,
    overdueInterestMinor: row.overdueInterest,
    overdueFeesMinor: row.overdueFees,
  };
}

/**
 * What core banking reported of the customer's credit history; a field it never sent reads as a clean
 * record, with the worst DPD at least `currentDpd`. Promises broken to Doorstep's own agents count too
 * (`brokenHere`): the bank's figure may predate them or leave them out.
 */
export function coreCreditHistory(
  row: typeof customers.$inferSelect,
  currentDpd: number,
  brokenHere = 0,
): CreditHistory {
  const reported: CreditHistory = {
    timesDelinquent12m: 0,
    timesDelinquent24m: 0,
    maxDpdEver: currentDpd,
    brokenPromises: 0,
    lastCureDate: null,
    ...(row.creditHistory as Partial<CreditHistory>),
  };
  return { ...reported, brokenPromises: Math.max(reported.brokenPromises, brokenHere) };
}
