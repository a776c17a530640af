import type { VisitQuery } from '../contracts/compliance';
import type { FollowUpInput } from '../contracts/follow-up';
import type { PlanningInput } from '../contracts/planning';
import type { PreparationInput } from '../contracts/preparation';
import type { RelationshipInput } from '../contracts/relationship';
import type { RepaymentInput } from '../contracts/repayment';
import type { ScreeningInput } from '../contracts/screening';
import type { Account } from '../domain/account';
import { arrearsOf } from '../domain/arrears';
import type { DelinquencySnapshot } from '../domain/delinquency';
import { overdueTotalMinor } from '../domain/delinquency';
import { type AccountPosition, customerExposure } from '../domain/exposure';
import type { CaseId } from '../ids/ids';
import type { ScreenCaseInput } from '../pipeline/screen-case';
import type { Instant } from '../time/schemas';
import {
  aCase,
  aCreditHistory,
  aCustomer,
  aLoanAccount,
  anOutcome,
  aRegion,
  aSnapshot,
  aTenant,
} from './builders';

/**
 * One complete input per plugin kind, built from the fixture builders, so a table-driven test
 * states only the facts its row is about. Every builder takes overrides of its top-level fields.
 */

/** 10:00 in Shanghai on 2 March 2026: the `now` of every input builder unless overridden. */
export const TEST_NOW: Instant = '2026-03-02T02:00:00Z';

/**
 * Another account of the customer for screening's exposure: by default a card (`acc_2`, limit
 * 50,000.00 CNY) with 8,000.00 owed and nothing overdue. Override `overdueMinor` and `dpd` to make it late.
 */
export const anAccountPosition = (overrides: Partial<AccountPosition> = {}): AccountPosition => ({
  account: {
    id: 'acc_2',
    customerId: 'cus_1',
    type: 'credit_card',
    product: 'classic-card',
    currency: 'CNY',
    limitMinor: 5_000_000,
  },
  status: 'current',
  outstandingMinor: 800_000,
  overdueMinor: 0,
  dpd: 0,
  ...overrides,
});

/** The position of the case's own account, read from its snapshot. */
export const positionOf = (
  account: Account,
  snapshot: DelinquencySnapshot,
  outstandingMinor = 2_000_000,
): AccountPosition => ({
  account,
  status: snapshot.dpd > 0 ? 'delinquent' : 'current',
  outstandingMinor,
  overdueMinor: overdueTotalMinor(snapshot),
  dpd: snapshot.dpd,
});

export type ScreeningInputOverrides = Partial<ScreeningInput> & {
  /** The customer's other accounts; the exposure is summed over them and the case's own account. */
  otherAccounts?: AccountPosition[];
};

const exposureOf = (input: Omit<ScreeningInput, 'exposure'>, otherAccounts: AccountPosition[]) =>
  customerExposure(input.tenant.currency, [positionOf(input.account, input.snapshot), ...otherAccounts]);

/**
 * @example
 * aScreeningInput({ snapshot: aSnapshot({ dpd: 62 }), otherAccounts: [anAccountPosition({ overdueMinor: 400_000 })] })
 */
export const aScreeningInput = (overrides: ScreeningInputOverrides = {}): ScreeningInput => {
  const { otherAccounts = [], exposure, ...rest } = overrides;
  const base: Omit<ScreeningInput, 'exposure'> = {
    now: TEST_NOW,
    tenant: aTenant(),
    customer: aCustomer(),
    account: aLoanAccount(),
    case: aCase(),
    snapshot: aSnapshot(),
    history: aCreditHistory(),
    region: aRegion(),
    ...rest,
  };
  return { ...base, exposure: exposure ?? exposureOf(base, otherAccounts) };
};

/** What `screenCase` and `simulate` take: a screening input without `now`, with the contact history. */
export const aScreenCaseInput = (
  overrides: ScreeningInputOverrides & Partial<Pick<ScreenCaseInput, 'contactHistory' | 'holidays'>> = {},
): ScreenCaseInput => {
  const { contactHistory = { visits: [] }, holidays, ...screening } = overrides;
  const { now: _now, ...input } = aScreeningInput(screening);
  return { ...input, contactHistory, ...(holidays === undefined ? {} : { holidays }) };
};

/** "May two agents visit on 2 March 2026, 09:00–18:00 Shanghai time?", at the planning stage. */
export const aVisitQuery = (overrides: Partial<VisitQuery> = {}): VisitQuery => ({
  tenant: aTenant(),
  customer: aCustomer(),
  case: aCase(),
  staff: [{ agentId: 'agt_1' }, { agentId: 'agt_2' }],
  interval: { start: '2026-03-02T01:00:00Z', end: '2026-03-02T10:00:00Z' },
  history: { visits: [], contacts: [] },
  stage: 'planning',
  ...overrides,
});

/** A preparation input; unless given, its arrears are the snapshot's less the payments after it, as intake reduces them. */
export const aPreparationInput = (overrides: Partial<PreparationInput> = {}): PreparationInput => {
  const { arrears, ...rest } = overrides;
  const base = {
    now: TEST_NOW,
    tenant: aTenant(),
    customer: aCustomer(),
    account: aLoanAccount(),
    case: aCase(),
    snapshot: aSnapshot(),
    overdueHistory: [],
    payments: [],
    contacts: [],
    history: aCreditHistory(),
    previousVisits: [],
    promises: [],
    repaymentPlans: [],
    ...rest,
  };
  return { ...base, arrears: arrears ?? arrearsOf(base.snapshot, base.payments) };
};

/** A case to plan on 3 March 2026, open 09:00–18:00 Shanghai time, for a 45-minute two-person visit. */
export const aCandidate = (
  caseId: CaseId,
  priority: number,
  location: { lat: number; lon: number },
): PlanningInput['candidates'][number] => ({
  caseId,
  priority,
  location,
  windows: [{ start: '2026-03-03T01:00:00Z', end: '2026-03-03T10:00:00Z' }],
  durationMinutes: 45,
  staffNeeded: 2,
});

/** One two-person team based in Futian and two candidates open all day. */
export const aPlanningInput = (overrides: Partial<PlanningInput> = {}): PlanningInput => ({
  now: TEST_NOW,
  tenant: aTenant(),
  date: '2026-03-03',
  agents: [{ agentId: 'agt_1', base: { lat: 22.54, lon: 114.06 }, maxVisits: 6, staff: 2 }],
  candidates: [
    aCandidate('case_1', 80, { lat: 22.55, lon: 114.08 }),
    aCandidate('case_2', 40, { lat: 22.6, lon: 114.1 }),
  ],
  ...overrides,
});

/** The customer of `aSnapshot()` (3,250.00 CNY overdue) can pay 1,000.00 CNY a month. */
export const aRepaymentInput = (overrides: Partial<RepaymentInput> = {}): RepaymentInput => ({
  now: TEST_NOW,
  tenant: aTenant(),
  case: aCase({ status: 'visited' }),
  snapshot: aSnapshot(),
  monthlyAbilityToPay: { amountMinor: 100_000, currency: 'CNY' },
  ...overrides,
});

/** Right after a visit where a willing customer was met (`anOutcome()`), with no plan or promise yet. */
export const aFollowUpInput = (overrides: Partial<FollowUpInput> = {}): FollowUpInput => ({
  now: TEST_NOW,
  tenant: aTenant(),
  case: aCase({ status: 'visited' }),
  outcome: anOutcome(),
  overdueTotal: { amountMinor: 325_000, currency: 'CNY' },
  plan: null,
  promise: null,
  ...overrides,
});

/** A case cured at `TEST_NOW`: the moment a relationship policy plans what follows. */
export const aRelationshipInput = (overrides: Partial<RelationshipInput> = {}): RelationshipInput => {
  const kase = aCase({ status: 'cured' });
  return {
    now: TEST_NOW,
    tenant: aTenant(),
    cure: { caseId: kase.id, customerId: kase.customerId, curedAt: TEST_NOW },
    ...overrides,
  };
};
