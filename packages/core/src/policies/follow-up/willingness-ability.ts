import { z } from 'zod';
import { defineFollowUpPolicy, type ProposedFollowUp } from '../../contracts/follow-up';
import { type EducationTopic, EducationTopicSchema } from '../../domain/education';
import type { FollowUpPause } from '../../domain/follow-up';
import { FOLLOW_UP_STANCES } from '../../domain/follow-up-stances';
import { type HardshipReason, HardshipReasonSchema } from '../../domain/visit-outcome';
import { formatMoney } from '../../money/money';
import { addDays } from '../../time/calendar';
import { LocalTimeSchema } from '../../time/schemas';
import { localDateAt, zonedToInstant } from '../../time/zoned';

const Days = z.number().int().positive();

/** Days of hardship pause for each reason an outcome may report; 0 starts none. */
const PauseDays = z.object(
  Object.fromEntries(
    HardshipReasonSchema.options.map((reason) => [reason, z.number().int().nonnegative()]),
  ) as {
    [R in HardshipReason]: z.ZodNumber;
  },
);

/**
 * 根据客户的还款意愿和能力制定后续跟进措施: the willingness × ability matrix picks the path —
 * reminders for the willing and able, a restructured plan plus financial education for the
 * willing but unable, escalation for the able but unwilling, a hardship review for the rest.
 * Promise checks fall on the day after the promised date; everything is timed in the tenant zone.
 * An accepted plan without a visit gets only its instalment reminders and checks.
 *
 * An outcome that reports hardship (job loss, illness, bereavement, disaster…) starts a pause, as long
 * as the longest `hardshipPause.days` of its reasons: until it ends only supportive follow-ups are
 * scheduled (education, a check-in call `checkInCallAfterDays` into it); collection follow-ups that
 * would fall inside it move to its end. Compliance also bars collection during it when timers fire.
 */
export const willingnessAbility = defineFollowUpPolicy({
  id: 'willingness-ability',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'Follow-up schedule from the willingness × ability quadrant of a visit outcome, plus promise ' +
      'checks, instalment reminders and checks, revisit cadence and education modules.',
  },
  reasons: {
    'contact.not-met': 'Customer not met ({contactResult}); revisit in {days} days',
    'contact.refused': 'Customer refused to talk; escalate for review',
    'willingness.willing': 'Willingness {willingness} >= {threshold}',
    'willingness.unwilling': 'Willingness {willingness} < {threshold}',
    'willingness.unknown': 'Willingness not recorded; treated as unwilling',
    'ability.able': 'Ability {ability}/month x {months} months >= overdue {overdue}',
    'ability.unable': 'Ability {ability}/month x {months} months < overdue {overdue}',
    'ability.unknown': 'Ability to pay not recorded in {currency}; treated as unable',
    'quadrant.willing-able': 'Willing and able: remind and hold to the plan',
    'quadrant.willing-unable': 'Willing but unable: restructure the plan and offer financial education',
    'quadrant.unwilling-able': 'Able but unwilling: escalate',
    'quadrant.unwilling-unable': 'Unwilling and unable: review hardship',
    'promise.check': 'Check the promise of {amount} due {dueDate} on the day after',
    'instalment.reminder': 'Remind {days} days before instalment {sequence} due {dueDate}',
    'instalment.check': 'Check instalment {sequence} due {dueDate} was paid',
    'plan.accepted': 'Plan of {instalments} instalments accepted: remind before and check after each',
    'outcome.none': 'No visit outcome and no plan: nothing to follow up',
    'revisit.cadence': 'Revisit every {days} days while the case is open',
    'restructure.offer': 'Offer a restructured plan within {days} days',
    'education.module': 'Financial education lesson: {topic}',
    'education.hardship': 'Hardship {hardship}: financial education lesson {topic}',
    'escalation.unwilling': 'Escalate within {days} days',
    'hardship.review': 'Hardship review within {days} days',
    'hardship.pause':
      'Hardship reported ({reasons}): only supportive follow-ups for {days} days, until {until}',
    'hardship.check-in': 'Call {days} days into the hardship pause to see how the customer is doing',
    'hardship.deferred': '{followUp}; moved to the end of the hardship pause',
  },
  options: z.object({
    /** Willingness (1–5) at or above which the customer counts as willing. */
    willingAtLeast: z.number().int().min(1).max(5),
    /** Able if the stated monthly ability repays the overdue amount within this many months. */
    ableWithinMonths: z.number().int().positive(),
    /** Local time at which follow-ups fall due. */
    localTime: LocalTimeSchema,
    reminderDaysBefore: z.number().int().nonnegative(),
    revisitEveryDays: Days,
    notMetRevisitDays: Days,
    restructureWithinDays: Days,
    escalateWithinDays: Days,
    hardshipReviewWithinDays: Days,
    educationEveryDays: Days,
    education: z.object({
      willingUnable: z.array(EducationTopicSchema),
      unwillingUnable: z.array(EducationTopicSchema),
    }),
    /** Lessons for the hardships a met customer reported, whatever the quadrant, before the quadrant's own. */
    educationByHardship: z.partialRecord(HardshipReasonSchema, z.array(EducationTopicSchema)),
    hardshipPause: z.object({
      /** Per hardship reason, how long the pause lasts; several reasons take the longest. */
      days: PauseDays,
      /** A supportive check-in call this many days into the pause (none if the pause is shorter). */
      checkInCallAfterDays: Days,
    }),
  }),
  defaultOptions: {
    willingAtLeast: 3,
    ableWithinMonths: 12,
    localTime: '10:00',
    reminderDaysBefore: 3,
    revisitEveryDays: 30,
    notMetRevisitDays: 3,
    restructureWithinDays: 2,
    escalateWithinDays: 1,
    hardshipReviewWithinDays: 3,
    educationEveryDays: 7,
    education: { willingUnable: ['budgeting', 'debt_priorities'], unwillingUnable: ['hardship_support'] },
    educationByHardship: {
      irregular_income: ['budgeting'],
      job_loss: ['budgeting', 'hardship_support'],
      illness: ['hardship_support'],
      business_failure: ['budgeting'],
      family_event: ['large_expense'],
      bereavement: ['hardship_support'],
      over_indebtedness: ['debt_priorities', 'illegal_lenders'],
      disaster: ['hardship_support'],
    },
    hardshipPause: {
      days: {
        job_loss: 30,
        illness: 30,
        business_failure: 30,
        family_event: 30,
        bereavement: 30,
        over_indebtedness: 30,
        disaster: 30,
        // Uneven pay is not a crisis: the plan is fitted to it and the budgeting lesson helps; no pause.
        irregular_income: 0,
        other: 30,
      },
      checkInCallAfterDays: 14,
    },
  },
  create: (options, { reason }) => {
    type Planned = ProposedFollowUp<Parameters<typeof reason>[0]>;
    return {
      decide: ({ now, tenant, outcome, overdueTotal, plan, promise }) => {
        const zone = tenant.timeZone;
        const today = localDateAt(now, zone);
        const at = (date: string) => zonedToInstant(date, options.localTime, zone);
        const inDays = (days: number) => at(addDays(today, days));
        const nowMs = Date.parse(now);
        const followUps: Planned[] = [];
        const add = (
          kind: Planned['kind'],
          dueAt: string,
          r: Planned['reason'],
          topic: Planned['educationTopic'] = null,
        ) => {
          if (Date.parse(dueAt) > nowMs) followUps.push({ kind, dueAt, educationTopic: topic, reason: r });
        };

        // Collection waits for the pause to end; supportive follow-ups keep their day.
        const withHardshipPause = (
          proposal: { followUps: Planned[]; reasons: Planned['reason'][] },
          hardship: readonly HardshipReason[],
        ): { followUps: Planned[]; reasons: Planned['reason'][]; pause: FollowUpPause | null } => {
          const days = Math.max(0, ...hardship.map((r) => options.hardshipPause.days[r]));
          const [first, ...more] = hardship;
          if (days === 0 || first === undefined) return { ...proposal, pause: null };
          const until = inDays(days);
          const untilMs = Date.parse(until);
          const scheduled = proposal.followUps.map((f) =>
            FOLLOW_UP_STANCES[f.kind].purpose === 'supportive' || Date.parse(f.dueAt) >= untilMs
              ? f
              : { ...f, dueAt: until, reason: reason('hardship.deferred', { followUp: f.reason.message }) },
          );
          const checkIn = options.hardshipPause.checkInCallAfterDays;
          if (checkIn < days)
            scheduled.push({
              kind: 'check_in_call',
              dueAt: inDays(checkIn),
              educationTopic: null,
              reason: reason('hardship.check-in', { days: checkIn }),
            });
          const reasons = [first, ...more].join(', ');
          return {
            followUps: scheduled,
            reasons: [...proposal.reasons, reason('hardship.pause', { reasons, days, until })],
            pause: { reasons: [first, ...more], from: now, until },
          };
        };

        if (promise !== null && promise.status === 'open') {
          add(
            'promise_check',
            at(addDays(promise.dueDate, 1)),
            reason('promise.check', {
              amount: formatMoney(promise.amount.amountMinor, promise.amount.currency),
              dueDate: promise.dueDate,
            }),
          );
        }
        if (plan !== null) {
          for (const instalment of plan.instalments) {
            const { sequence, dueDate } = instalment;
            const days = options.reminderDaysBefore;
            add(
              'instalment_reminder',
              at(addDays(dueDate, -days)),
              reason('instalment.reminder', { days, sequence, dueDate }),
            );
            add(
              'instalment_check',
              at(addDays(dueDate, 1)),
              reason('instalment.check', { sequence, dueDate }),
            );
          }
        }

        if (outcome === null) {
          // Plan acceptance: only the plan's own timers; the quadrant needs a visit to judge.
          const r =
            plan === null
              ? reason('outcome.none', {})
              : reason('plan.accepted', { instalments: plan.instalments.length });
          return { followUps, reasons: [r] };
        }

        const { contactResult } = outcome;
        if (contactResult === 'refused') {
          const r = reason('contact.refused', {});
          add('escalation', inDays(options.escalateWithinDays), r);
          return withHardshipPause({ followUps, reasons: [r] }, outcome.hardshipReasons);
        }
        if (contactResult !== 'customer_met') {
          const days = options.notMetRevisitDays;
          const r = reason('contact.not-met', { contactResult, days });
          add('revisit', inDays(days), r);
          return withHardshipPause({ followUps, reasons: [r] }, outcome.hardshipReasons);
        }

        const threshold = options.willingAtLeast;
        const willingness = outcome.willingness;
        const willing = willingness !== null && willingness >= threshold;
        const willingnessReason =
          willingness === null
            ? reason('willingness.unknown', {})
            : willing
              ? reason('willingness.willing', { willingness, threshold })
              : reason('willingness.unwilling', { willingness, threshold });

        const currency = overdueTotal.currency;
        const stated = outcome.monthlyAbilityToPay;
        const months = options.ableWithinMonths;
        const statedKnown = stated !== null && stated.currency === currency;
        const able = statedKnown && stated.amountMinor * months >= overdueTotal.amountMinor;
        const abilityData = statedKnown
          ? {
              ability: formatMoney(stated.amountMinor, currency),
              months,
              overdue: formatMoney(overdueTotal.amountMinor, currency),
            }
          : null;
        const abilityReason =
          abilityData === null
            ? reason('ability.unknown', { currency })
            : able
              ? reason('ability.able', abilityData)
              : reason('ability.unable', abilityData);

        const revisit = reason('revisit.cadence', { days: options.revisitEveryDays });
        // One lesson at a time, a cadence apart: first those for the hardships reported, then the quadrant's.
        const lessons = new Map<EducationTopic, Planned['reason']>();
        for (const hardship of outcome.hardshipReasons)
          for (const topic of options.educationByHardship[hardship] ?? [])
            if (!lessons.has(topic)) lessons.set(topic, reason('education.hardship', { hardship, topic }));
        const education = (topics: readonly EducationTopic[]) => {
          for (const topic of topics)
            if (!lessons.has(topic)) lessons.set(topic, reason('education.module', { topic }));
          [...lessons].forEach(([topic, why], i) => {
            add('education', inDays(options.educationEveryDays * (i + 1)), why, topic);
          });
        };

        let quadrantReason: Planned['reason'];
        if (willing && able) {
          quadrantReason = reason('quadrant.willing-able', {});
          add('revisit', inDays(options.revisitEveryDays), revisit);
          education([]);
        } else if (willing) {
          quadrantReason = reason('quadrant.willing-unable', {});
          add(
            'restructure_plan',
            inDays(options.restructureWithinDays),
            reason('restructure.offer', { days: options.restructureWithinDays }),
          );
          education(options.education.willingUnable);
          add('revisit', inDays(options.revisitEveryDays), revisit);
        } else if (able) {
          quadrantReason = reason('quadrant.unwilling-able', {});
          add(
            'escalation',
            inDays(options.escalateWithinDays),
            reason('escalation.unwilling', { days: options.escalateWithinDays }),
          );
          education([]);
        } else {
          quadrantReason = reason('quadrant.unwilling-unable', {});
          add(
            'hardship_review',
            inDays(options.hardshipReviewWithinDays),
            reason('hardship.review', { days: options.hardshipReviewWithinDays }),
          );
          education(options.education.unwillingUnable);
          add('revisit', inDays(options.revisitEveryDays), revisit);
        }
        return withHardshipPause(
          { followUps, reasons: [willingnessReason, abilityReason, quadrantReason] },
          outcome.hardshipReasons,
        );
      },
    };
  },
});
