import { defineCompliancePolicy, type ReasonTemplates } from '@doorstep/core';
import { z } from 'zod';
import { days } from '../policy/facts';
import { assessWithRules, forbidDuring, type Rule, reasonsOf } from '../policy/rule';
import { saturated } from '../windows/spans';
import {
  COMMON_DEFAULTS,
  COMMON_RULES,
  CommonOptionsSchema,
  ceaseContact,
  contactHours,
  DISCLOSURE_REASONS,
} from './common';

const OptionsSchema = CommonOptionsSchema.extend({
  /** Visits that found only family or referees; after this many in the period, stop going there. */
  familyPrivacy: z.object({ maxThirdPartyOnlyVisits: z.int().positive(), periodDays: z.number().positive() }),
});
type Options = z.output<typeof OptionsSchema>;

/**
 * Repeated visits that meet only relatives or referees put pressure on them rather than on the
 * borrower, which the RBI directions name as harassment.
 */
const familyPrivacy: Rule<Options, 'privacy.family-visits'> = {
  id: 'family-privacy',
  overridable: true,
  scope: 'visit',
  reasons: {
    'privacy.family-visits':
      '{maxThirdPartyOnlyVisits} visits in {periodDays} days met only family or referees; wait until {until}',
  },
  check: (facts, { familyPrivacy: limit }) =>
    forbidDuring(
      facts,
      saturated(
        facts.visits.filter((visit) => visit.thirdPartyOnly).map((visit) => visit.at),
        days(limit.periodDays),
        limit.maxThirdPartyOnlyVisits,
      ),
      'privacy.family-visits',
      limit,
    ),
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
  familyPrivacy,
  cooldown,
  visitCap,
];

const reasons: ReasonTemplates = { ...reasonsOf(rules), ...DISCLOSURE_REASONS };

/** India: RBI circular 2022-23/108 on recovery agents and conduct of collection. */
export const inPack = defineCompliancePolicy({
  id: 'in',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'India (RBI 2022-23/108): no contact before 08:00 or after 19:00, no pressure on family or ' +
      'referees, the debt never disclosed to them.',
  },
  reasons,
  options: OptionsSchema,
  defaultOptions: {
    ...COMMON_DEFAULTS,
    hours: { allowed: { from: '08:00', to: '19:00' } },
    // RBI names no period for collection records; five years follows its KYC record-keeping rule.
    retentionYears: 5,
    // The RBI hours carry no consent exception.
    consentLiftsHours: false,
    familyPrivacy: { maxThirdPartyOnlyVisits: 2, periodDays: 30 },
    // Tenant defaults: the RBI directions name bereavement and similar occasions but no numbers.
    vulnerability: { maxContacts: 2, periodDays: 7, supportiveVisits: true },
  },
  create: (options) => ({
    assessVisit: (query) => assessWithRules(rules, options, query),
  }),
});
