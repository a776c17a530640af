import { defineCompliancePolicy, intersectIntervals, toInstant } from '@doorstep/core';
import { z } from 'zod';
import type { VisitFacts } from '../policy/facts';
import {
  assessWithRules,
  forbidAll,
  forbidDuring,
  type Restriction,
  type Rule,
  reasonsOf,
  singleReason,
} from '../policy/rule';
import { HOUR_MS, toInterval } from '../windows/spans';
import { COMMON_DEFAULTS, COMMON_RULES, CommonOptionsSchema, ceaseContact, contactHours } from './common';

const OptionsSchema = CommonOptionsSchema.extend({
  /** Hours between telling the customer the visit date and likely time and the visit itself. */
  minNoticeHours: z.number().nonnegative(),
});
type Options = z.output<typeof OptionsSchema>;

/**
 * A pause that lasts until an instant intake recorded on the customer: the Breathing Space end
 * comes from the Insolvency Service notice (60 days, longer for mental-health crisis), the
 * debt-adviser pause from the adviser's request (about 30 days).
 */
function pauseRule<C extends string>(spec: {
  id: string;
  overridable: boolean;
  /** Whether supportive contact may go on during the pause (a debt adviser's) or nothing may (Breathing Space). */
  collectionOnly: boolean;
  code: C;
  message: string;
  until: (facts: VisitFacts) => number | undefined;
}): Rule<unknown, C> {
  return {
    id: spec.id,
    overridable: spec.overridable,
    scope: 'customer',
    reasons: singleReason(spec.code, spec.message),
    check: (facts) => {
      const until = spec.until(facts);
      if (until === undefined || (spec.collectionOnly && facts.purpose !== 'collection')) return undefined;
      return forbidDuring(facts, [{ start: -Infinity, end: until }], spec.code, {});
    },
  };
}

const breathingSpace = pauseRule({
  id: 'breathing-space',
  overridable: false,
  collectionOnly: false,
  code: 'customer.breathing-space',
  message: 'Breathing Space: no contact until {until}',
  until: (facts) => facts.breathingSpaceUntil,
});

const debtAdviser = pauseRule({
  id: 'debt-adviser',
  overridable: true,
  collectionOnly: true,
  code: 'customer.debt-adviser',
  message: 'A debt adviser is helping the customer: collection pauses until {until}',
  until: (facts) => facts.debtAdviserUntil,
});

type NoticeCode = 'visit.no-notice' | 'visit.short-notice' | 'visit.outside-notice';

const notice: Rule<Options, NoticeCode> = {
  id: 'notice',
  overridable: true,
  scope: 'visit',
  reasons: {
    'visit.no-notice':
      'Tell the customer the visit date and likely time at least {minNoticeHours} hours ahead',
    'visit.short-notice': 'Notice given at {noticeGivenAt} allows a visit only from {until}',
    'visit.outside-notice': 'The customer was told to expect the visit between {from} and {to}',
  },
  // Notice is given once a visit is planned, so screening does not ask for it.
  check: (facts, { minNoticeHours }): Restriction<NoticeCode> | undefined => {
    if (facts.stage === 'screening') return undefined;
    if (facts.noticeGivenAt === undefined) return forbidAll('visit.no-notice', { minNoticeHours });
    const earliest = facts.noticeGivenAt + minNoticeHours * HOUR_MS;
    // Notice of a date and likely time announces that time: arriving at another is unannounced.
    const stated = facts.noticeLikelyTime ?? { start: earliest, end: Math.max(earliest, facts.span.end) };
    const announced = { start: Math.max(earliest, stated.start), end: stated.end };
    const allowed =
      announced.start < announced.end ? intersectIntervals([facts.interval], [toInterval(announced)]) : [];
    if (facts.span.start < earliest) {
      const noticeGivenAt = toInstant(facts.noticeGivenAt);
      return {
        allowed,
        code: 'visit.short-notice',
        data: { minNoticeHours, noticeGivenAt, until: toInstant(earliest) },
      };
    }
    return {
      allowed,
      code: 'visit.outside-notice',
      data: { from: toInstant(stated.start), to: toInstant(stated.end) },
    };
  },
};

const [deceased, bankruptcy, dispute, vulnerable, hardshipPause, holidays, cooldown, visitCap] = COMMON_RULES;
const rules: ReadonlyArray<Rule<Options>> = [
  deceased,
  bankruptcy,
  breathingSpace,
  ceaseContact(true),
  dispute,
  vulnerable,
  debtAdviser,
  hardshipPause,
  contactHours,
  holidays,
  notice,
  cooldown,
  visitCap,
];

/** United Kingdom: FCA Consumer Credit sourcebook, CONC 7, and the Debt Respite (Breathing Space) scheme. */
export const ukPack = defineCompliancePolicy({
  id: 'uk',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'United Kingdom (FCA CONC 7): notice of the visit date and likely time, no visit when known ' +
      'vulnerable or to a disputed debt without agreement, a pause while a debt adviser helps, ' +
      'Breathing Space 60 days no contact.',
  },
  reasons: reasonsOf(rules),
  options: OptionsSchema,
  defaultOptions: {
    ...COMMON_DEFAULTS,
    hours: { allowed: { from: '08:00', to: '21:00' } },
    // FCA CONC names no period; six years is the Limitation Act's for a claim on the debt.
    retentionYears: 6,
    minNoticeHours: 48,
    // CONC 7: no visit when known vulnerable; the contact numbers are tenant defaults.
    vulnerability: { maxContacts: 1, periodDays: 7, supportiveVisits: false },
  },
  create: (options) => ({
    assessVisit: (query) => assessWithRules(rules, options, query),
  }),
});
