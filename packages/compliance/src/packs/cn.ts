import { defineCompliancePolicy, type ReasonTemplates } from '@doorstep/core';
import { z } from 'zod';
import { assessWithRules, forbidAll, type Rule, reasonsOf } from '../policy/rule';
import {
  COMMON_DEFAULTS,
  COMMON_RULES,
  CommonOptionsSchema,
  ceaseContact,
  contactHours,
  DISCLOSURE_REASONS,
} from './common';

const OptionsSchema = CommonOptionsSchema.extend({
  /** Field visits are made by at least this many staff, each showing ID. */
  minStaff: z.int().min(1),
  /** Collection records are kept at least this many years; the guideline's floor is 2. */
  retentionYears: z.int().min(2),
});
type Options = z.output<typeof OptionsSchema>;

const twoStaff: Rule<Options, 'visit.too-few-staff'> = {
  id: 'two-staff',
  overridable: false,
  scope: 'visit',
  reasons: { 'visit.too-few-staff': 'Field visits need at least {minStaff} staff; {staff} assigned' },
  // At screening nobody is assigned yet; the rule bites from planning on.
  check: (facts, options) =>
    facts.stage === 'screening' || facts.staff.size >= options.minStaff
      ? undefined
      : forbidAll('visit.too-few-staff', { minStaff: options.minStaff, staff: facts.staff.size }),
};

const [deceased, bankruptcy, dispute, vulnerable, hardshipPause, holidays, cooldown, visitCap] = COMMON_RULES;
const rules: ReadonlyArray<Rule<Options>> = [
  deceased,
  bankruptcy,
  ceaseContact(true),
  dispute,
  vulnerable,
  hardshipPause,
  contactHours,
  holidays,
  twoStaff,
  cooldown,
  visitCap,
];

const reasons: ReasonTemplates = { ...reasonsOf(rules), ...DISCLOSURE_REASONS };

/**
 * China: CBA 2026 guideline on consumer-loan collection and the CBIRC credit-card measures
 * (Art. 66/68).
 *
 * @example
 * const cn = cnPack.create(cnPack.options.parse({ ...cnPack.defaultOptions, minStaff: 3 }));
 * const { windows, vetoes } = cn.assessVisit(query);
 * // vetoes: [{ rule: 'two-staff', code: 'visit.too-few-staff', data: { minStaff: 3, staff: 2 },
 * //            message: 'Field visits need at least 3 staff; 2 assigned', overridable: false }]
 */
export const cnPack = defineCompliancePolicy({
  id: 'cn',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'China: no visits 22:00–08:00 local without consent, at least two staff, only the debtor or ' +
      'guarantor told of the debt, records kept at least two years.',
  },
  reasons,
  options: OptionsSchema,
  defaultOptions: {
    ...COMMON_DEFAULTS,
    hours: { forbidden: { from: '22:00', to: '08:00' } },
    minStaff: 2,
    retentionYears: 2,
    // Tenant defaults: the guideline asks for care with the seriously ill and bereaved but names no numbers.
    vulnerability: { maxContacts: 2, periodDays: 7, supportiveVisits: true },
  },
  create: (options) => ({
    assessVisit: (query) => assessWithRules(rules, options, query),
  }),
});

export { retainUntil } from '../retention';
