import { z } from 'zod';
import { defineRepaymentPolicy, type ProposedInstalment } from '../../contracts/repayment';
import { formatMoney } from '../../money/money';
import { addDays, addMonthsClamped, daysInMonth, formatLocalDate, parseLocalDate } from '../../time/calendar';
import { type LocalDate, LocalTimeSchema } from '../../time/schemas';
import { localDateAt, zonedToInstant } from '../../time/zoned';

/** The first date on or after `earliest` that falls on `day` (clamped to short months). */
const firstOnDay = (earliest: LocalDate, day: number): LocalDate => {
  const { year, month } = parseLocalDate(earliest);
  const candidate = formatLocalDate({ year, month, day: Math.min(day, daysInMonth(year, month)) });
  return candidate >= earliest ? candidate : addMonthsClamped(candidate, 1, day);
};

/**
 * 制定合理的还款计划: equal monthly instalments no larger than what the customer says they can
 * afford. Amounts are split in minor units so they add up exactly; the first instalments carry
 * the remainder, one minor unit each.
 */
export const affordablePlan = defineRepaymentPolicy({
  id: 'affordable-plan',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'Monthly instalments within the stated ability to pay, up to a maximum term and above a ' +
      'minimum instalment, with optional fee and interest waivers; due dates in the tenant zone.',
  },
  reasons: {
    'plan.fits': '{count} monthly instalments of {instalment} within ability {ability}',
    'waiver.fees': 'Fees of {amount} waived',
    'waiver.interest': 'Interest of {amount} waived',
    'refusal.currency-mismatch': 'Ability stated in {abilityCurrency} but the debt is in {debtCurrency}',
    'refusal.nothing-owed': 'Nothing is overdue',
    'refusal.below-minimum': 'Ability {ability} < minimum instalment {minimum}',
    'refusal.term-too-long': 'Repaying {total} at {ability} a month takes {months} months > {maxTerm}',
    'refusal.instalment-below-minimum':
      'Splitting {total} over {months} months gives {instalment} < minimum instalment {minimum}',
  },
  options: z.object({
    maxTermMonths: z.number().int().min(1).max(120),
    minInstalmentMinor: z.number().int().positive(),
    waiveFees: z.boolean(),
    waiveInterest: z.boolean(),
    /** Days from today (tenant zone) to the earliest first due date. */
    firstDueAfterDays: z.number().int().nonnegative(),
    /** Local time at which an instalment counts as due. */
    dueLocalTime: LocalTimeSchema,
  }),
  defaultOptions: {
    maxTermMonths: 12,
    minInstalmentMinor: 10_000,
    waiveFees: false,
    waiveInterest: false,
    firstDueAfterDays: 7,
    dueLocalTime: '23:59:59',
  },
  create: (options, { reason }) => ({
    propose: ({ now, tenant, snapshot, monthlyAbilityToPay, preferredDayOfMonth }) => {
      const currency = snapshot.currency;
      if (monthlyAbilityToPay.currency !== currency) {
        return {
          kind: 'refusal',
          reasons: [
            reason('refusal.currency-mismatch', {
              abilityCurrency: monthlyAbilityToPay.currency,
              debtCurrency: currency,
            }),
          ],
        };
      }
      const waivedFees = options.waiveFees ? snapshot.overdueFeesMinor : 0;
      const waivedInterest = options.waiveInterest ? snapshot.overdueInterestMinor : 0;
      const total =
        snapshot.overduePrincipalMinor +
        snapshot.overdueInterestMinor -
        waivedInterest +
        snapshot.overdueFeesMinor -
        waivedFees;
      if (total <= 0) return { kind: 'refusal', reasons: [reason('refusal.nothing-owed', {})] };

      const ability = monthlyAbilityToPay.amountMinor;
      const money = (minor: number) => formatMoney(minor, currency);
      const minimum = options.minInstalmentMinor;
      if (ability < Math.min(minimum, total)) {
        return {
          kind: 'refusal',
          reasons: [reason('refusal.below-minimum', { ability: money(ability), minimum: money(minimum) })],
        };
      }
      const months = Math.ceil(total / ability);
      if (months > options.maxTermMonths) {
        return {
          kind: 'refusal',
          reasons: [
            reason('refusal.term-too-long', {
              total: money(total),
              ability: money(ability),
              months,
              maxTerm: options.maxTermMonths,
            }),
          ],
        };
      }
      const base = Math.floor(total / months);
      const remainder = total - base * months;
      if (months > 1 && base < minimum) {
        return {
          kind: 'refusal',
          reasons: [
            reason('refusal.instalment-below-minimum', {
              total: money(total),
              months,
              instalment: money(base),
              minimum: money(minimum),
            }),
          ],
        };
      }

      const earliest = addDays(localDateAt(now, tenant.timeZone), options.firstDueAfterDays);
      const anchorDay =
        preferredDayOfMonth === undefined
          ? parseLocalDate(earliest).day
          : Math.min(31, Math.max(1, Math.trunc(preferredDayOfMonth)));
      const first = firstOnDay(earliest, anchorDay);
      const instalments: ProposedInstalment[] = [];
      for (let k = 0; k < months; k++) {
        const dueDate = addMonthsClamped(first, k, anchorDay);
        instalments.push({
          sequence: k + 1,
          dueDate,
          dueAt: zonedToInstant(dueDate, options.dueLocalTime, tenant.timeZone),
          amountMinor: base + (k < remainder ? 1 : 0),
        });
      }

      const reasons = [
        reason('plan.fits', { count: months, instalment: money(base), ability: money(ability) }),
        ...(waivedFees > 0 ? [reason('waiver.fees', { amount: money(waivedFees) })] : []),
        ...(waivedInterest > 0 ? [reason('waiver.interest', { amount: money(waivedInterest) })] : []),
      ];
      return {
        kind: 'plan',
        currency,
        totalMinor: total,
        waivedMinor: waivedFees + waivedInterest,
        instalments,
        reasons,
      };
    },
  }),
});
