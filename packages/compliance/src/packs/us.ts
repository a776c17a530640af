import { defineCompliancePolicy, instantIsWithin } from '@doorstep/core';
import { z } from 'zod';
import { days } from '../policy/facts';
import { assessWithRules, forbidAll, forbidDuring, type Rule, reasonsOf } from '../policy/rule';
import { saturated, toInterval } from '../windows/spans';
import { COMMON_DEFAULTS, COMMON_RULES, CommonOptionsSchema, ceaseContact, contactHours } from './common';

const OptionsSchema = CommonOptionsSchema.extend({
  /** Reg F 1006.14(b)(2): more than `maxContacts` in `periodDays`, or any within `daysAfterConversation`. */
  frequency: z.object({
    maxContacts: z.int().positive(),
    periodDays: z.number().positive(),
    daysAfterConversation: z.number().nonnegative(),
  }),
});
type Options = z.output<typeof OptionsSchema>;

const workplace: Rule<Options, 'visit.workplace-prohibited'> = {
  id: 'workplace',
  overridable: false,
  scope: 'visit',
  reasons: {
    'visit.workplace-prohibited': 'Collection contact at the customer’s workplace is known to be prohibited',
  },
  check: (facts) =>
    facts.flags.workplaceContactProhibited && facts.place === 'workplace'
      ? forbidAll('visit.workplace-prohibited')
      : undefined,
};

/**
 * The Reg F harassment presumption, applied to every attempt (calls and visits alike): it is
 * rebuttable, so a supervisor may override it with a reason.
 */
const contactFrequency: Rule<Options, 'contact.frequency' | 'contact.after-conversation'> = {
  id: 'contact-frequency',
  overridable: true,
  scope: 'contact',
  // The presumption is about calls; the pack holds visits to it too. Every recorded attempt counts.
  channels: ['visit', 'call'],
  reasons: {
    'contact.frequency':
      'More than {maxContacts} contacts in {periodDays} days is presumed harassing; wait until {until}',
    'contact.after-conversation':
      'No contact within {daysAfterConversation} days after a conversation; wait until {until}',
  },
  check: (facts, { frequency }) => {
    const counted = saturated(
      facts.contacts.map((contact) => contact.at),
      days(frequency.periodDays),
      frequency.maxContacts,
    );
    const afterConversation = facts.contacts
      .filter((contact) => contact.conversation)
      .map((contact) => ({ start: contact.at, end: contact.at + days(frequency.daysAfterConversation) }));
    const code = instantIsWithin(facts.interval.start, counted.map(toInterval))
      ? 'contact.frequency'
      : 'contact.after-conversation';
    return forbidDuring(facts, [...counted, ...afterConversation], code, frequency);
  },
};

const [deceased, bankruptcy, dispute, vulnerable, hardshipPause, holidays, cooldown, visitCap] = COMMON_RULES;
const rules: ReadonlyArray<Rule<Options>> = [
  deceased,
  bankruptcy,
  ceaseContact(false),
  dispute,
  vulnerable,
  hardshipPause,
  contactHours,
  holidays,
  workplace,
  contactFrequency,
  cooldown,
  visitCap,
];

/** United States: Regulation F, 12 CFR 1006 (FDCPA). */
export const usPack = defineCompliancePolicy({
  id: 'us',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'United States (Reg F): 08:00–21:00 at the consumer’s location, cease-communication honoured, ' +
      'no workplace contact where prohibited, the 7-in-7 contact-frequency presumption.',
  },
  reasons: reasonsOf(rules),
  options: OptionsSchema,
  defaultOptions: {
    ...COMMON_DEFAULTS,
    hours: { allowed: { from: '08:00', to: '21:00' } },
    // Reg F §1006.100(a): records kept three years after the last collection activity on the debt.
    retentionYears: 3,
    frequency: { maxContacts: 7, periodDays: 7, daysAfterConversation: 7 },
    // Tenant defaults: Reg F names no vulnerability numbers; fewer than the 7-in-7 presumption.
    vulnerability: { maxContacts: 3, periodDays: 7, supportiveVisits: true },
  },
  create: (options) => ({
    assessVisit: (query) => assessWithRules(rules, options, query),
  }),
});
