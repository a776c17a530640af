import { z } from 'zod';
import { definePreparationPolicy, type PreparationInput } from '../../contracts/preparation';
import { bucketOf } from '../../domain/bucket';
import { overdueTotalMinor } from '../../domain/delinquency';
import { type ChecklistItemCode, ChecklistItemCodeSchema, type Dossier } from '../../domain/dossier';
import type { HardshipReason } from '../../domain/visit-outcome';
import { money } from '../../money/money';
import { compareText } from '../../order/compare';
import { localDateAt } from '../../time/zoned';

const DEFAULT_LABELS: Record<ChecklistItemCode, string> = {
  show_staff_id: 'Show your staff ID card',
  state_name_and_bank: 'Say your name and that you come from the bank',
  confirm_right_party: 'Confirm you are speaking to the customer before mentioning the debt',
  state_purpose: 'Explain why you are visiting',
  ask_consent_to_enter: 'Ask before entering; stay outside if declined',
  no_disclosure_to_third_parties: 'Tell nobody else about the debt',
  offer_to_leave_when_asked: 'Leave when asked to',
};

const byTimeDesc =
  <T>(at: (t: T) => string) =>
  (a: T, b: T) =>
    Date.parse(at(b)) - Date.parse(at(a));

/**
 * 走访准备: the dossier an agent reads before knocking (customer basics, overdue records, payment
 * and contact history, household, likely difficulties, earlier visits and promises), the purpose
 * of this visit with the facts that chose it, and the introduction checklist.
 */
export const standardDossier = definePreparationPolicy({
  id: 'standard-dossier',
  version: '1.0.0',
  contract: '2.1',
  docs: {
    description:
      'Dossier from the case history, a suggested visit purpose chosen by explicit precedence ' +
      '(moved → verify address, hardship → review, long overdue with broken promises → notice, ' +
      'willing last time with no open promise or plan → negotiate, else understand), and the ' +
      'identity-introduction checklist.',
  },
  reasons: {
    'purpose.verify-address': 'Last visit on {date} found the customer had moved',
    'purpose.hardship-vulnerable': 'Customer is flagged vulnerable ({kind})',
    'purpose.hardship-reported': 'Hardship reported at the visit on {date}: {hardship}',
    'purpose.deliver-notice': 'DPD {dpd} >= {noticeDpd} with {brokenPromises} broken promises',
    'purpose.negotiate-plan':
      'Customer met on {date} with willingness {willingness} and no open promise or plan',
    'purpose.understand-situation': 'No visit has yet established the customer situation',
    'difficulty.hardship': '{hardship} reported {times} times, last on {date}',
    'requirement.language': 'The customer speaks {language}',
    'requirement.product-skill': 'A {product} visit needs {skill}',
  },
  options: z.object({
    /** DPD from which a formal notice is delivered once promises have been broken. */
    noticeDpd: z.number().int().positive(),
    /** Willingness (1–5) at the last visit from which the next visit negotiates a plan. */
    negotiateFromWillingness: z.number().int().min(1).max(5),
    /** How many past items (snapshots, payments, visits, promises) the dossier lists. */
    historyItems: z.number().int().positive(),
    checklist: z.array(ChecklistItemCodeSchema).min(1),
    /** Overrides for the checklist wording, e.g. in the agents' language. */
    labels: z.partialRecord(ChecklistItemCodeSchema, z.string().min(1)),
    /** The team must speak the customer's language, when it is known. */
    languageFromCustomer: z.boolean(),
    /** Skills the team must bring per account product, e.g. a senior officer for a business loan. */
    skillsByProduct: z.record(z.string().min(1), z.array(z.string().min(1)).max(10)),
  }),
  defaultOptions: {
    noticeDpd: 90,
    negotiateFromWillingness: 3,
    historyItems: 12,
    checklist: ChecklistItemCodeSchema.options,
    labels: {},
    languageFromCustomer: true,
    skillsByProduct: { 'business-loan': ['senior'] },
  },
  create: (options, { reason }) => {
    const checklist = options.checklist.map((item) => ({
      item,
      label: options.labels[item] ?? DEFAULT_LABELS[item],
    }));
    const n = options.historyItems;

    const likelyDifficulties = (visits: PreparationInput['previousVisits'], zone: string) => {
      const seen = new Map<HardshipReason, { times: number; last: string }>();
      // Visits arrive newest first, so the first sighting of a reason is its latest.
      for (const { outcome } of visits) {
        for (const hardship of outcome?.hardshipReasons ?? []) {
          const entry = seen.get(hardship);
          if (entry === undefined) seen.set(hardship, { times: 1, last: outcome!.recordedAt });
          else entry.times++;
        }
      }
      return [...seen].map(([hardship, { times, last }]) =>
        reason('difficulty.hardship', { hardship, times, date: localDateAt(last, zone) }),
      );
    };

    const buildDossier = (input: PreparationInput, visits: PreparationInput['previousVisits']): Dossier => {
      const { customer, arrears, tenant } = input;
      const { currency, reported, paidSinceReported: paid } = arrears;
      const contacts = input.contacts;
      const lastContact = contacts.reduce<string | null>(
        (last, c) => (last === null || Date.parse(c.at) > Date.parse(last) ? c.at : last),
        null,
      );
      const preferred = customer.contacts.find((c) => c.preferred && !c.doNotUse);
      return {
        caseId: input.case.id,
        preparedAt: input.now,
        customer: {
          id: customer.id,
          name: customer.name,
          addressLines: customer.address.lines,
          city: customer.address.city,
          preferredContact: preferred === undefined ? null : `${preferred.kind}: ${preferred.value}`,
        },
        account: { id: input.account.id, type: input.account.type, product: input.account.product },
        overdue: {
          asOf: arrears.asOf,
          dpd: arrears.dpd,
          bucket: bucketOf(arrears.dpd),
          total: money(arrears.totalMinor, currency),
          reported:
            reported === null
              ? null
              : {
                  asOf: reported.asOf,
                  sequence: reported.sequence,
                  total: money(reported.totalMinor, currency),
                  principal: money(reported.principalMinor, currency),
                  interest: money(reported.interestMinor, currency),
                  fees: money(reported.feesMinor, currency),
                },
          paidSinceReported: {
            total: money(paid.amountMinor, currency),
            payments: paid.count,
            lastAt: paid.lastAt,
          },
        },
        overdueHistory: [...input.overdueHistory]
          .sort((a, b) => b.sequence - a.sequence)
          .slice(0, n)
          .map((s) => ({ asOf: s.asOf, dpd: s.dpd, total: money(overdueTotalMinor(s), s.currency) })),
        payments: [...input.payments]
          .sort(byTimeDesc((p) => p.at))
          .slice(0, n)
          .map((p) => ({ at: p.at, amount: p.amount })),
        contacts: {
          asOf: input.now,
          attempts: contacts.length,
          reached: contacts.filter((c) => c.reached).length,
          lastAt: lastContact,
        },
        household: customer.householdNotes,
        likelyDifficulties: likelyDifficulties(visits, tenant.timeZone),
        previousVisits: visits.slice(0, n).map(({ visit, outcome }) => ({
          at: outcome?.recordedAt ?? visit.window.start,
          contactResult: outcome?.contactResult ?? visit.status,
          willingness: outcome?.willingness ?? null,
        })),
        promises: [...input.promises]
          .sort((a, b) => compareText(b.dueDate, a.dueDate))
          .slice(0, n)
          .map((p) => ({ dueDate: p.dueDate, amount: p.amount, status: p.status })),
        repaymentPlans: [...input.repaymentPlans]
          .sort(byTimeDesc((p) => p.createdAt))
          .slice(0, n)
          .map((p) => ({
            id: p.id,
            status: p.status,
            total: money(p.totalMinor, p.currency),
            waived: money(p.waivedMinor, p.currency),
            instalments: p.instalments.length,
            firstDueDate: p.instalments.map((i) => i.dueDate).sort(compareText)[0] ?? '',
            createdAt: p.createdAt,
          })),
      };
    };

    return {
      requirements: ({ customer, account }) => {
        const language = options.languageFromCustomer ? (customer.language ?? null) : null;
        const skills = options.skillsByProduct[account.product] ?? [];
        return {
          skills,
          language,
          reasons: [
            ...(language === null ? [] : [reason('requirement.language', { language })]),
            ...skills.map((skill) =>
              reason('requirement.product-skill', { product: account.product, skill }),
            ),
          ],
        };
      },
      prepare: (input) => {
        const zone = input.tenant.timeZone;
        const visits = [...input.previousVisits].sort(
          byTimeDesc(({ visit, outcome }) => outcome?.recordedAt ?? visit.window.start),
        );
        const dossier = buildDossier(input, visits);
        const last = visits.find(({ outcome }) => outcome !== null)?.outcome ?? null;
        const lastDate = last === null ? '' : localDateAt(last.recordedAt, zone);
        const vulnerability = input.customer.flags.vulnerability;
        const { dpd } = input.arrears;
        const { brokenPromises } = input.history;
        const hasPlanOrPromise =
          input.promises.some((p) => p.status === 'open') ||
          input.repaymentPlans.some((p) => p.status === 'proposed' || p.status === 'agreed');

        const decide = () => {
          if (last?.contactResult === 'moved') {
            return {
              purpose: 'verify_address',
              reason: reason('purpose.verify-address', { date: lastDate }),
            } as const;
          }
          if (vulnerability !== null) {
            return {
              purpose: 'hardship_review',
              reason: reason('purpose.hardship-vulnerable', { kind: vulnerability.kind }),
            } as const;
          }
          if (last !== null && last.hardshipReasons.length > 0) {
            return {
              purpose: 'hardship_review',
              reason: reason('purpose.hardship-reported', {
                date: lastDate,
                hardship: last.hardshipReasons.join(', '),
              }),
            } as const;
          }
          if (dpd >= options.noticeDpd && brokenPromises > 0) {
            return {
              purpose: 'deliver_notice',
              reason: reason('purpose.deliver-notice', { dpd, noticeDpd: options.noticeDpd, brokenPromises }),
            } as const;
          }
          if (
            last?.contactResult === 'customer_met' &&
            (last.willingness ?? 0) >= options.negotiateFromWillingness &&
            !hasPlanOrPromise
          ) {
            return {
              purpose: 'negotiate_plan',
              reason: reason('purpose.negotiate-plan', {
                date: lastDate,
                willingness: last.willingness ?? 0,
              }),
            } as const;
          }
          return {
            purpose: 'understand_situation',
            reason: reason('purpose.understand-situation', {}),
          } as const;
        };
        const { purpose, reason: why } = decide();
        return { dossier, purpose, checklist, reasons: [why] };
      },
    };
  },
});
