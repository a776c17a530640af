import { describe, expect, test } from 'vitest';
import type { PreparationInput } from '../../contracts/preparation';
import type { RepaymentPlan } from '../../domain/repayment-plan';
import {
  aCase,
  aCreditHistory,
  aCustomer,
  aLoanAccount,
  anOutcome,
  aSnapshot,
  aTenant,
  aVisit,
} from '../../testing/builders';
import { aPreparationInput } from '../../testing/inputs';
import { standardDossier } from './standard-dossier';

/** The dossier's case: a screened loan at DPD 45 with two earlier snapshots, a payment and two calls. */
const input = (overrides: Partial<PreparationInput> = {}): PreparationInput =>
  aPreparationInput({
    now: '2026-03-01T00:00:00Z',
    customer: aCustomer({ householdNotes: 'Lives with two children and a parent.' }),
    case: aCase({ status: 'screened' }),
    snapshot: aSnapshot({ dpd: 45, sequence: 3 }),
    overdueHistory: [aSnapshot({ sequence: 1, dpd: 5 }), aSnapshot({ sequence: 2, dpd: 35 })],
    payments: [
      { accountId: 'acc_1', at: '2026-01-10T00:00:00Z', amount: { amountMinor: 20_000, currency: 'CNY' } },
    ],
    contacts: [
      { at: '2026-02-01T02:00:00Z', channel: 'call', reached: false },
      { at: '2026-02-03T02:00:00Z', channel: 'call', reached: true },
    ],
    ...overrides,
  });

const agreedPlans: RepaymentPlan[] = [
  {
    id: 'plan_1',
    caseId: 'case_1',
    currency: 'CNY',
    totalMinor: 300_000,
    waivedMinor: 25_000,
    instalments: [
      { sequence: 2, dueDate: '2026-04-15', dueAt: '2026-04-15T15:59:59Z', amountMinor: 150_000 },
      { sequence: 1, dueDate: '2026-03-15', dueAt: '2026-03-15T15:59:59Z', amountMinor: 150_000 },
    ],
    status: 'agreed',
    createdAt: '2026-02-10T04:00:00Z',
  },
];

const prepare = standardDossier.create(standardDossier.defaultOptions).prepare;
const visited = (outcome: Parameters<typeof anOutcome>[0]) => [
  { visit: aVisit(), outcome: anOutcome(outcome) },
];

describe('suggested purpose', () => {
  test.each([
    ['first visit', {}, 'understand_situation', 'No visit has yet established the customer situation'],
    [
      'moved last time',
      { previousVisits: visited({ contactResult: 'moved', willingness: null }) },
      'verify_address',
      'Last visit on 2026-02-10 found the customer had moved',
    ],
    [
      'vulnerable customer',
      { customer: aCustomer({ flags: { vulnerability: { kind: 'health' } } }) },
      'hardship_review',
      'Customer is flagged vulnerable (health)',
    ],
    [
      'hardship reported',
      { previousVisits: visited({ hardshipReasons: ['illness', 'job_loss'] }) },
      'hardship_review',
      'Hardship reported at the visit on 2026-02-10: illness, job_loss',
    ],
    [
      'long overdue and promises broken',
      { snapshot: aSnapshot({ dpd: 95 }), history: aCreditHistory({ brokenPromises: 2 }) },
      'deliver_notice',
      'DPD 95 >= 90 with 2 broken promises',
    ],
    [
      'willing last time',
      { previousVisits: visited({ willingness: 4 }) },
      'negotiate_plan',
      'Customer met on 2026-02-10 with willingness 4 and no open promise or plan',
    ],
    [
      'willing last time, plan already agreed',
      { previousVisits: visited({ willingness: 4 }), repaymentPlans: agreedPlans },
      'understand_situation',
      'No visit has yet established the customer situation',
    ],
    [
      'unwilling last time',
      { previousVisits: visited({ willingness: 2 }) },
      'understand_situation',
      'No visit has yet established the customer situation',
    ],
  ] as const)('%s → %s', (_name, overrides, purpose, message) => {
    const proposal = prepare(input(overrides));
    expect(proposal.purpose).toBe(purpose);
    expect(proposal.reasons.map((r) => r.message)).toEqual([message]);
  });
});

describe('dossier', () => {
  test('owes the reported arrears less the payments made since, as of the last of them', () => {
    const paid = (at: string, amountMinor: number, currency = 'CNY') => ({
      accountId: 'acc_1' as const,
      at,
      amount: { amountMinor, currency },
    });
    const { dossier } = prepare(
      input({
        payments: [
          paid('2026-02-20T00:00:00Z', 50_000),
          paid('2026-03-02T08:00:00Z', 100_000),
          paid('2026-03-04T08:00:00Z', 25_000),
          paid('2026-03-05T08:00:00Z', 9_999, 'USD'),
        ],
      }),
    );
    expect(dossier.overdue).toMatchObject({
      asOf: '2026-03-04T08:00:00Z',
      total: { amountMinor: 200_000, currency: 'CNY' },
      reported: { asOf: '2026-03-01T00:00:00Z', total: { amountMinor: 325_000, currency: 'CNY' } },
      paidSinceReported: {
        total: { amountMinor: 125_000, currency: 'CNY' },
        payments: 2,
        lastAt: '2026-03-04T08:00:00Z',
      },
    });
  });

  test('an overpayment leaves nothing owed, never a credit', () => {
    const { dossier } = prepare(
      input({
        payments: [
          {
            accountId: 'acc_1',
            at: '2026-03-02T00:00:00Z',
            amount: { amountMinor: 400_000, currency: 'CNY' },
          },
        ],
      }),
    );
    expect(dossier.overdue.total.amountMinor).toBe(0);
  });

  test('collects the case history, newest first', () => {
    const { dossier } = prepare(input({ previousVisits: visited({ hardshipReasons: ['illness'] }) }));
    expect(dossier.overdue).toMatchObject({
      asOf: '2026-03-01T00:00:00Z',
      dpd: 45,
      bucket: 'M2',
      total: { amountMinor: 325_000, currency: 'CNY' },
      reported: {
        asOf: '2026-03-01T00:00:00Z',
        sequence: 3,
        total: { amountMinor: 325_000, currency: 'CNY' },
      },
      paidSinceReported: { total: { amountMinor: 0, currency: 'CNY' }, payments: 0, lastAt: null },
    });
    expect(dossier.overdueHistory.map((s) => s.dpd)).toEqual([35, 5]);
    expect(dossier.contacts).toEqual({
      asOf: '2026-03-01T00:00:00Z',
      attempts: 2,
      reached: 1,
      lastAt: '2026-02-03T02:00:00Z',
    });
    expect(dossier.household).toBe('Lives with two children and a parent.');
    expect(dossier.likelyDifficulties).toEqual([
      {
        code: 'difficulty.hardship',
        data: { hardship: 'illness', times: 1, date: '2026-02-10' },
        message: 'illness reported 1 times, last on 2026-02-10',
      },
    ]);
    expect(dossier.previousVisits).toEqual([
      { at: '2026-02-10T03:00:00Z', contactResult: 'customer_met', willingness: 4 },
    ]);
    expect(dossier.customer.preferredContact).toBe('mobile: +8613800000000');
    expect(dossier.account).toEqual({ id: 'acc_1', type: 'loan', product: 'personal-loan' });
  });

  test('lists repayment plans with their size and first due date', () => {
    const { dossier } = prepare(input({ repaymentPlans: agreedPlans }));
    expect(dossier.repaymentPlans).toEqual([
      {
        id: 'plan_1',
        status: 'agreed',
        total: { amountMinor: 300_000, currency: 'CNY' },
        waived: { amountMinor: 25_000, currency: 'CNY' },
        instalments: 2,
        firstDueDate: '2026-03-15',
        createdAt: '2026-02-10T04:00:00Z',
      },
    ]);
  });

  test('the checklist follows the options, with localised labels', () => {
    const custom = standardDossier.create({
      ...standardDossier.defaultOptions,
      checklist: ['show_staff_id', 'confirm_right_party'],
      labels: { show_staff_id: '出示工作证' },
    });
    expect(custom.prepare(input()).checklist).toEqual([
      { item: 'show_staff_id', label: '出示工作证' },
      {
        item: 'confirm_right_party',
        label: 'Confirm you are speaking to the customer before mentioning the debt',
      },
    ]);
  });
});

describe('requirements of the visiting team', () => {
  const requirements = (options: Partial<typeof standardDossier.defaultOptions> = {}) =>
    standardDossier.create({ ...standardDossier.defaultOptions, ...options }).requirements!;
  const of = (customer = aCustomer(), account = aLoanAccount()) => ({
    tenant: aTenant(),
    customer,
    account,
    case: aCase(),
  });

  test.each([
    ['nothing for a customer of no known language with a personal loan', of(), [], null, []],
    ['the customer’s language', of(aCustomer({ language: 'yue' })), [], 'yue', ['The customer speaks yue']],
    [
      'a senior officer for a business loan',
      of(aCustomer(), aLoanAccount({ product: 'business-loan' })),
      ['senior'],
      null,
      ['A business-loan visit needs senior'],
    ],
  ])('%s', (_name, input, skills, language, messages) => {
    const decided = requirements()(input);
    expect(decided).toMatchObject({ skills, language });
    expect(decided.reasons.map((r) => r.message)).toEqual(messages);
  });

  test('options turn the language off and name the skills per product', () => {
    const decided = requirements({
      languageFromCustomer: false,
      skillsByProduct: { 'personal-loan': ['legal'] },
    })(of(aCustomer({ language: 'yue' })));
    expect(decided).toMatchObject({ skills: ['legal'], language: null });
  });
});
