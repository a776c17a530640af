import { localDateAt, renderTemplate, type Veto } from '@doorstep/core';
import { z } from 'zod';
import { FIELD_DEFAULTS, FieldOptionsShape } from '../field/options';
import { days, type VisitFacts } from '../policy/facts';
import { forbidAll, forbidDuring, type Rule, singleReason } from '../policy/rule';
import { allowedSpanOf, allowedWindows, type DailyHours } from '../windows/allowed-windows';
import { saturated } from '../windows/spans';

const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM');

const LocalSpanSchema = z
  .object({ from: LocalTimeSchema, to: LocalTimeSchema })
  .refine((span) => span.from !== span.to, 'from and to must differ: the span would be empty or all day');

export const DailyHoursSchema: z.ZodType<DailyHours, DailyHours> = z.union([
  z.strictObject({ allowed: LocalSpanSchema }),
  z.strictObject({ forbidden: LocalSpanSchema }),
]);

/** How a vulnerable customer is treated; every pack has it, each with its own numbers. */
export const VulnerabilityOptionsSchema = z.object({
  /** While vulnerable, supportive contact at most `maxContacts` times in any `periodDays` (every channel counts). */
  maxContacts: z.int().positive(),
  periodDays: z.number().positive(),
  /** Whether a supportive visit is allowed while vulnerable; false: only with a supervisor's recorded decision. */
  supportiveVisits: z.boolean(),
});

/** Options every pack has; each pack adds its own and picks its defaults. */
export const CommonOptionsSchema = z.object({
  /** Local hours at the customer's place, allowed or forbidden, as the regulation words them. */
  hours: DailyHoursSchema,
  /** Whether the customer's recorded consent (`consentOutsideHours`) lifts the hours. */
  consentLiftsHours: z.boolean(),
  /** Days after any visit before the next may start. */
  cooldownDays: z.number().nonnegative(),
  /** At most `maxVisits` visits in any rolling `periodDays`. */
  visitCap: z.object({ maxVisits: z.int().positive(), periodDays: z.number().positive() }),
  vulnerability: VulnerabilityOptionsSchema,
  /**
   * Years a closed case's collection records are kept; after them the retention job erases the
   * customer's personal data. Each pack sets its own default from its regulation.
   */
  retentionYears: z.int().min(1).max(30),
  ...FieldOptionsShape,
});
export type CommonOptions = z.output<typeof CommonOptionsSchema>;

export const COMMON_DEFAULTS = {
  consentLiftsHours: true,
  cooldownDays: 7,
  visitCap: { maxVisits: 3, periodDays: 30 },
  ...FIELD_DEFAULTS,
} as const satisfies Omit<CommonOptions, 'hours' | 'retentionYears' | 'vulnerability'>;

export const contactHours: Rule<CommonOptions, 'hours.outside-allowed'> = {
  id: 'contact-hours',
  overridable: false,
  scope: 'contact',
  // A letter's delivery hour is the post's, not the collector's.
  channels: ['visit', 'call', 'sms', 'email'],
  reasons: { 'hours.outside-allowed': 'Visits are allowed only {from}–{to} local time in {zone}' },
  check: (facts, options) => {
    if (options.consentLiftsHours && facts.flags.consentOutsideHours) return undefined;
    const { from, to } = allowedSpanOf(options.hours);
    return {
      allowed: allowedWindows({ interval: facts.interval, zone: facts.zone, hours: options.hours }),
      code: 'hours.outside-allowed',
      data: { from, to, zone: facts.zone },
    };
  },
};

export const holidays: Rule<unknown, 'calendar.holiday'> = {
  id: 'holidays',
  overridable: false,
  scope: 'visit',
  reasons: { 'calendar.holiday': 'No visits on public holidays; {date} is one in {zone}' },
  check: (facts) =>
    facts.holidays.length === 0
      ? undefined
      : {
          allowed: allowedWindows({ interval: facts.interval, zone: facts.zone, holidays: facts.holidays }),
          code: 'calendar.holiday',
          data: { date: localDateAt(facts.interval.start, facts.zone), zone: facts.zone },
        },
};

const visitTimes = (facts: VisitFacts): number[] => facts.visits.map((visit) => visit.at);

export const cooldown: Rule<CommonOptions, 'visits.cooldown'> = {
  id: 'cooldown',
  overridable: true,
  scope: 'visit',
  reasons: { 'visits.cooldown': 'Visits need {days} days between them; the next may start at {until}' },
  check: (facts, options) =>
    forbidDuring(facts, saturated(visitTimes(facts), days(options.cooldownDays), 1), 'visits.cooldown', {
      days: options.cooldownDays,
    }),
};

export const visitCap: Rule<CommonOptions, 'visits.cap-reached'> = {
  id: 'visit-cap',
  overridable: true,
  scope: 'visit',
  reasons: {
    'visits.cap-reached': 'At most {maxVisits} visits in {periodDays} days; the next may start at {until}',
  },
  check: (facts, { visitCap: cap }) =>
    forbidDuring(
      facts,
      saturated(visitTimes(facts), days(cap.periodDays), cap.maxVisits),
      'visits.cap-reached',
      {
        maxVisits: cap.maxVisits,
        periodDays: cap.periodDays,
      },
    ),
};

/** A customer flag that forbids every contact and every follow-up for as long as it is set. */
export function flagRule<C extends string>(spec: {
  id: string;
  flag: keyof VisitFacts['flags'];
  overridable: boolean;
  code: C;
  message: string;
}): Rule<unknown, C> {
  return {
    id: spec.id,
    overridable: spec.overridable,
    scope: 'customer',
    reasons: singleReason(spec.code, spec.message),
    check: (facts) => (facts.flags[spec.flag] ? forbidAll(spec.code) : undefined),
  };
}

type VulnerableCode = 'customer.vulnerable' | 'customer.vulnerable-visit' | 'customer.vulnerable-contacts';

/**
 * A vulnerable customer (illness, a life event, low resilience or capability, bereavement) gets only
 * supportive contact, in every pack: no collection on any channel, at most `maxContacts` supportive
 * contacts in `periodDays`, and a supportive visit only where the pack allows it. A supervisor may
 * lift it for one visit with a recorded decision. When a follow-up fires (`action`) only the first
 * part is judged: the cap is counted when the contact itself is made.
 */
export const vulnerable: Rule<CommonOptions, VulnerableCode> = {
  id: 'vulnerable',
  overridable: true,
  scope: 'customer',
  reasons: {
    'customer.vulnerable': 'The customer is known to be vulnerable: only supportive contact, no collection',
    'customer.vulnerable-visit':
      'The customer is known to be vulnerable: no visit without a recorded decision',
    'customer.vulnerable-contacts':
      'The customer is known to be vulnerable: at most {maxContacts} contacts in {periodDays} days; wait until {until}',
  },
  check: (facts, { vulnerability: options }) => {
    if (!facts.flags.vulnerable) return undefined;
    if (facts.purpose === 'collection') return forbidAll('customer.vulnerable');
    if (facts.channel === 'visit' && !options.supportiveVisits) return forbidAll('customer.vulnerable-visit');
    if (facts.stage === 'action' || facts.channel === 'none') return undefined;
    return forbidDuring(
      facts,
      saturated(
        facts.contacts.map((contact) => contact.at),
        days(options.periodDays),
        options.maxContacts,
      ),
      'customer.vulnerable-contacts',
      { maxContacts: options.maxContacts, periodDays: options.periodDays },
    );
  },
};

/**
 * The hardship pause the follow-up policy started when a visit outcome reported hardship: collection
 * waits until it ends, on every channel; supportive contact goes on. Overridable, since it is the
 * bank's own forbearance rather than a rule of law.
 */
export const hardshipPause: Rule<unknown, 'customer.hardship-pause'> = {
  id: 'hardship-pause',
  overridable: true,
  scope: 'customer',
  reasons: singleReason(
    'customer.hardship-pause',
    'Hardship reported ({reasons}): only supportive contact until {until}',
  ),
  check: (facts) => {
    if (facts.purpose !== 'collection' || facts.pauses.length === 0) return undefined;
    const current = facts.pauses.find((p) => p.start <= facts.span.start && facts.span.start < p.end);
    return forbidDuring(facts, facts.pauses, 'customer.hardship-pause', {
      reasons: (current ?? facts.pauses[0])?.reasons.join(', ') ?? '',
    });
  },
};

/** Cease-contact is binding by law in some places (Reg F) and a bank policy in others. */
export const ceaseContact = (overridable: boolean) =>
  flagRule({
    id: 'cease-contact',
    flag: 'ceaseContact',
    overridable,
    code: 'customer.cease-contact',
    message: 'The customer has asked that contact cease',
  });

export const dispute = flagRule({
  id: 'dispute',
  flag: 'dispute',
  overridable: true,
  code: 'customer.dispute',
  message: 'The debt is disputed: visit only with the customer’s recorded agreement',
});

export const bankruptcy = flagRule({
  id: 'bankruptcy',
  flag: 'bankruptcy',
  overridable: false,
  code: 'customer.bankruptcy',
  message: 'Bankruptcy stay: collection visits are forbidden',
});

export const deceased = flagRule({
  id: 'deceased',
  flag: 'deceased',
  overridable: false,
  code: 'customer.deceased',
  message: 'The customer is recorded as deceased',
});

/** The rules every pack runs besides its hours and cease-contact, in the order vetoes are listed. */
export const COMMON_RULES = [
  deceased,
  bankruptcy,
  dispute,
  vulnerable,
  hardshipPause,
  holidays,
  cooldown,
  visitCap,
] as const;

export const DISCLOSURE_REASONS = {
  'privacy.third-party-disclosure': 'The debt may not be disclosed to a {metParty}',
} as const;

/** Who the agent actually spoke to, and whether the debt was mentioned, as recorded after a visit. */
export interface VisitOutcome {
  readonly metParty: 'debtor' | 'guarantor' | 'third-party' | 'nobody';
  readonly debtDisclosed: boolean;
}

/**
 * The outcome-recording check of the packs (cn, in) where the debt may only be discussed with the
 * debtor or guarantor: a third party told of the debt is a breach to record and escalate, never
 * something to override.
 */
export function assessDisclosure(outcome: VisitOutcome): Veto[] {
  if (outcome.metParty !== 'third-party' || !outcome.debtDisclosed) return [];
  const data = { metParty: outcome.metParty };
  return [
    {
      rule: 'third-party-disclosure',
      overridable: false,
      code: 'privacy.third-party-disclosure',
      data,
      message: renderTemplate(DISCLOSURE_REASONS['privacy.third-party-disclosure'], data),
    },
  ];
}
