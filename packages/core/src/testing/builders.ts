import type { Account } from '../domain/account';
import type { Case } from '../domain/case';
import type { CreditHistory } from '../domain/credit-history';
import { type Customer, type CustomerFlags, NO_CUSTOMER_FLAGS } from '../domain/customer';
import type { DelinquencySnapshot } from '../domain/delinquency';
import type { Region } from '../domain/region';
import type { TenantSettings } from '../domain/tenant';
import type { Visit } from '../domain/visit';
import type { VisitOutcome } from '../domain/visit-outcome';

/**
 * Valid domain values with boring defaults; a test overrides only the facts it is about, so the
 * fact under test stands out. Flags are merged, not replaced.
 */

export const aTenant = (overrides: Partial<TenantSettings> = {}): TenantSettings => ({
  tenantId: 'ten_test',
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  jurisdictionPackId: 'cn',
  ...overrides,
});

export const noFlags = (): CustomerFlags => ({ ...NO_CUSTOMER_FLAGS });

export const aCustomer = (
  overrides: Partial<Omit<Customer, 'flags'>> & { flags?: Partial<CustomerFlags> } = {},
): Customer => {
  const { flags, ...rest } = overrides;
  return {
    id: 'cus_1',
    name: 'Li Wei',
    contacts: [{ kind: 'mobile', value: '+8613800000000', preferred: true, doNotUse: false }],
    address: { lines: ['1 Test Road'], city: 'Shenzhen', country: 'CN', lat: 22.54, lon: 114.06 },
    regionId: 'reg_sz',
    householdNotes: '',
    ...rest,
    flags: { ...noFlags(), ...flags },
  };
};

export const aLoanAccount = (overrides: Partial<Extract<Account, { type: 'loan' }>> = {}): Account => ({
  id: 'acc_1',
  customerId: 'cus_1',
  type: 'loan',
  product: 'personal-loan',
  currency: 'CNY',
  principalMinor: 10_000_000,
  ...overrides,
});

export const aCase = (overrides: Partial<Case> = {}): Case => ({
  id: 'case_1',
  customerId: 'cus_1',
  accountId: 'acc_1',
  status: 'open',
  openedAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

export const aSnapshot = (overrides: Partial<DelinquencySnapshot> = {}): DelinquencySnapshot => ({
  accountId: 'acc_1',
  asOf: '2026-03-01T00:00:00Z',
  sequence: 1,
  dpd: 45,
  currency: 'CNY',
  overduePrincipalMinor: 300_000,
  overdueInterestMinor: 20_000,
  overdueFeesMinor: 5_000,
  ...overrides,
});

export const aCreditHistory = (overrides: Partial<CreditHistory> = {}): CreditHistory => ({
  timesDelinquent12m: 0,
  timesDelinquent24m: 0,
  maxDpdEver: 0,
  brokenPromises: 0,
  lastCureDate: null,
  ...overrides,
});

export const aRegion = (overrides: Partial<Region> = {}): Region => ({
  id: 'reg_sz',
  name: 'Shenzhen',
  riskScore: 0.4,
  asOf: '2026-01-01T00:00:00Z',
  ...overrides,
});

export const aVisit = (overrides: Partial<Visit> = {}): Visit => ({
  id: 'vis_1',
  caseId: 'case_1',
  customerId: 'cus_1',
  purpose: 'understand_situation',
  dossier: null,
  agentIds: ['agt_1', 'agt_2'],
  window: { start: '2026-02-10T02:00:00Z', end: '2026-02-10T04:00:00Z' },
  status: 'completed',
  checkIn: null,
  ...overrides,
});

export const anOutcome = (overrides: Partial<VisitOutcome> = {}): VisitOutcome => ({
  visitId: 'vis_1',
  recordedAt: '2026-02-10T03:00:00Z',
  contactResult: 'customer_met',
  identityChecklist: [],
  hardshipReasons: [],
  willingness: 4,
  monthlyAbilityToPay: { amountMinor: 50_000, currency: 'CNY' },
  satisfaction: 4,
  promiseToPay: null,
  planProposal: null,
  evidenceRefs: [],
  notes: '',
  ...overrides,
});
