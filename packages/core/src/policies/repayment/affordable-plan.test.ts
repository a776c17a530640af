import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RepaymentInput, RepaymentProposal } from '../../contracts/repayment';
import { aCase, aSnapshot, aTenant } from '../../testing/builders';
import { addMonthsClamped, daysInMonth, parseLocalDate } from '../../time/calendar';
import { instantToZoned } from '../../time/zoned';
import { affordablePlan } from './affordable-plan';

const input = (overrides: Partial<RepaymentInput> = {}): RepaymentInput => ({
  now: '2026-01-20T04:00:00Z',
  tenant: aTenant(),
  case: aCase(),
  snapshot: aSnapshot({
    overduePrincipalMinor: 300_000,
    overdueInterestMinor: 20_000,
    overdueFeesMinor: 5_000,
  }),
  monthlyAbilityToPay: { amountMinor: 100_000, currency: 'CNY' },
  ...overrides,
});

const propose = (options: Partial<typeof affordablePlan.defaultOptions> = {}) =>
  affordablePlan.create({ ...affordablePlan.defaultOptions, ...options }).propose;

const planOf = (p: RepaymentProposal) => {
  if (p.kind !== 'plan')
    throw new Error(`expected a plan, got ${p.reasons.map((r) => r.message).join('; ')}`);
  return p;
};

describe('plans', () => {
  test.each([
    // name, options, input overrides, expected amounts
    ['splits 3250.00 at 1000.00/month into 4', {}, {}, [81_250, 81_250, 81_250, 81_250]],
    [
      'spreads the remainder over the first instalments',
      {},
      {
        snapshot: aSnapshot({ overduePrincipalMinor: 100_001, overdueInterestMinor: 0, overdueFeesMinor: 0 }),
        monthlyAbilityToPay: { amountMinor: 50_000, currency: 'CNY' },
      },
      [33_334, 33_334, 33_333],
    ],
    [
      'waives fees and interest when configured',
      { waiveFees: true, waiveInterest: true },
      {},
      [100_000, 100_000, 100_000],
    ],
    [
      'one payment when ability covers the debt',
      {},
      { monthlyAbilityToPay: { amountMinor: 1_000_000, currency: 'CNY' } },
      [325_000],
    ],
  ] as const)('%s', (_name, options, overrides, amounts) => {
    const plan = planOf(propose(options)(input(overrides)));
    expect(plan.instalments.map((i) => i.amountMinor)).toEqual(amounts);
  });

  test('reasons name the plan and each waiver', () => {
    const plan = planOf(propose({ waiveFees: true })(input()));
    expect(plan.reasons.map((r) => r.message)).toEqual([
      '4 monthly instalments of 800.00 CNY within ability 1000.00 CNY',
      'Fees of 50.00 CNY waived',
    ]);
    expect(plan.waivedMinor).toBe(5_000);
    expect(plan.totalMinor).toBe(320_000);
  });

  test('due dates: from the 31st to the end of shorter months, leap years included', () => {
    const plan = planOf(
      propose()(
        input({
          now: '2027-12-20T04:00:00Z',
          preferredDayOfMonth: 31,
          monthlyAbilityToPay: { amountMinor: 60_000, currency: 'CNY' },
        }),
      ),
    );
    expect(plan.instalments.map((i) => i.dueDate)).toEqual([
      '2027-12-31',
      '2028-01-31',
      '2028-02-29',
      '2028-03-31',
      '2028-04-30',
      '2028-05-31',
    ]);
    // Due at 23:59:59 Shanghai time = 15:59:59 UTC the same day.
    expect(plan.instalments[2]?.dueAt).toBe('2028-02-29T15:59:59.000Z');
  });

  test('due instants follow DST in the tenant zone', () => {
    const plan = planOf(
      propose({ dueLocalTime: '12:00' })(
        input({
          tenant: aTenant({ timeZone: 'Europe/London', currency: 'CNY' }),
          now: '2026-02-01T10:00:00Z',
          preferredDayOfMonth: 15,
        }),
      ),
    );
    expect(plan.instalments.map((i) => i.dueAt)).toEqual([
      '2026-02-15T12:00:00.000Z',
      '2026-03-15T12:00:00.000Z',
      '2026-04-15T11:00:00.000Z',
      '2026-05-15T11:00:00.000Z',
    ]);
  });
});

describe('refusals', () => {
  test.each([
    [
      'other currency',
      {},
      { monthlyAbilityToPay: { amountMinor: 100_000, currency: 'USD' } },
      'refusal.currency-mismatch',
      'Ability stated in USD but the debt is in CNY',
    ],
    [
      'nothing owed',
      {},
      { snapshot: aSnapshot({ overduePrincipalMinor: 0, overdueInterestMinor: 0, overdueFeesMinor: 0 }) },
      'refusal.nothing-owed',
      'Nothing is overdue',
    ],
    [
      'below minimum',
      {},
      { monthlyAbilityToPay: { amountMinor: 9_999, currency: 'CNY' } },
      'refusal.below-minimum',
      'Ability 99.99 CNY < minimum instalment 100.00 CNY',
    ],
    [
      'term too long',
      { maxTermMonths: 3 },
      {},
      'refusal.term-too-long',
      'Repaying 3250.00 CNY at 1000.00 CNY a month takes 4 months > 3',
    ],
    [
      'split below minimum',
      { minInstalmentMinor: 80_000 },
      {
        snapshot: aSnapshot({ overduePrincipalMinor: 101_000, overdueInterestMinor: 0, overdueFeesMinor: 0 }),
      },
      'refusal.instalment-below-minimum',
      'Splitting 1010.00 CNY over 2 months gives 505.00 CNY < minimum instalment 800.00 CNY',
    ],
  ] as const)('%s', (_name, options, overrides, code, message) => {
    const proposal = propose(options)(input(overrides));
    expect(proposal.kind).toBe('refusal');
    expect(proposal.reasons).toHaveLength(1);
    expect(proposal.reasons[0]).toMatchObject({ code, message });
  });
});

describe('properties', () => {
  const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Australia/Sydney'];
  const arbitraryCase = fc.record({
    principal: fc.integer({ min: 0, max: 50_000_000 }),
    interest: fc.integer({ min: 0, max: 2_000_000 }),
    fees: fc.integer({ min: 0, max: 500_000 }),
    ability: fc.integer({ min: 1, max: 10_000_000 }),
    day: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
    nowMs: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
    zone: fc.constantFrom(...zones),
    maxTermMonths: fc.integer({ min: 1, max: 60 }),
    waiveFees: fc.boolean(),
  });

  test('instalments sum exactly to the total and never exceed the ability', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const proposal = propose({
          maxTermMonths: c.maxTermMonths,
          waiveFees: c.waiveFees,
          minInstalmentMinor: 1,
        })(
          input({
            now: new Date(c.nowMs).toISOString(),
            tenant: aTenant({ timeZone: c.zone }),
            snapshot: aSnapshot({
              overduePrincipalMinor: c.principal,
              overdueInterestMinor: c.interest,
              overdueFeesMinor: c.fees,
            }),
            monthlyAbilityToPay: { amountMinor: c.ability, currency: 'CNY' },
            preferredDayOfMonth: c.day,
          }),
        );
        const owed = c.principal + c.interest + (c.waiveFees ? 0 : c.fees);
        if (proposal.kind === 'refusal') {
          expect(owed === 0 || Math.ceil(owed / c.ability) > c.maxTermMonths).toBe(true);
          return;
        }
        const amounts = proposal.instalments.map((i) => i.amountMinor);
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(owed);
        expect(proposal.totalMinor).toBe(owed);
        expect(amounts.every((a) => Number.isInteger(a) && a > 0 && a <= c.ability)).toBe(true);
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
        expect(amounts.length).toBeLessThanOrEqual(c.maxTermMonths);
      }),
      { numRuns: 400 },
    );
  });

  test('due dates are one per consecutive month, on the anchor day clamped, and their instants read back as those dates', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const proposal = propose({ maxTermMonths: 60, minInstalmentMinor: 1 })(
          input({
            now: new Date(c.nowMs).toISOString(),
            tenant: aTenant({ timeZone: c.zone }),
            snapshot: aSnapshot({ overduePrincipalMinor: c.principal + 1 }),
            monthlyAbilityToPay: {
              amountMinor: Math.max(1, Math.ceil((c.principal + 1 + 25_000) / 24)),
              currency: 'CNY',
            },
            preferredDayOfMonth: c.day,
          }),
        );
        const plan = planOf(proposal);
        const first = plan.instalments[0]!;
        const anchor = c.day ?? parseLocalDate(first.dueDate).day;
        plan.instalments.forEach((instalment, k) => {
          const expected = addMonthsClamped(first.dueDate, k, anchor);
          expect(instalment.dueDate).toBe(expected);
          const { year, month, day } = parseLocalDate(instalment.dueDate);
          expect(day).toBe(Math.min(anchor, daysInMonth(year, month)));
          expect(instantToZoned(instalment.dueAt, c.zone)).toEqual({
            date: instalment.dueDate,
            time: '23:59:59',
          });
          expect(Date.parse(instalment.dueAt)).toBeGreaterThan(c.nowMs);
        });
      }),
      { numRuns: 300 },
    );
  });
});
