import {
  addDays,
  defineFollowUpPolicy,
  EducationTopicSchema,
  formatMoney,
  HardshipReasonSchema,
  LocalTimeSchema,
  localDateAt,
  type ProposedFollowUp,
  z,
  zonedToInstant,
} from '@doorstep/core';

/**
 * When a visit surfaces a serious hardship (illness, job loss, disaster…), the next step is a
 * hardship review and support material — not reminders, not escalation — and collection pauses
 * until a revisit. Without such hardship it keeps to gentle instalment reminders and checks and a
 * revisit. A plan accepted without a visit gets its reminders and checks only.
 *
 * Built only on the public SDK of `@doorstep/core`.
 */
export const hardshipFirst = defineFollowUpPolicy({
  id: 'hardship-first',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'Hardship review first: serious hardship at the visit schedules a review and support education ' +
      'and pauses collection until a revisit; otherwise instalment reminders and a revisit.',
    url: 'https://example.com/acme/doorstep-plugin-hardship-first',
  },
  reasons: {
    'hardship.serious': 'Serious hardship reported: {hardship}',
    'hardship.none': 'No serious hardship reported',
    'review.scheduled': 'Hardship review within {days} days',
    'education.support': 'Support material: {topic}',
    'collection.paused': 'Collection paused; revisit in {days} days',
    'reminder.instalment': 'Instalment {sequence} of {amount} due {dueDate}',
    'check.instalment': 'Check instalment {sequence} due {dueDate} the day after',
    'plan.accepted': 'Plan of {instalments} instalments accepted',
    'revisit.cadence': 'Revisit in {days} days',
  },
  options: z.object({
    seriousHardship: z.array(HardshipReasonSchema).min(1),
    reviewWithinDays: z.number().int().positive(),
    pauseDays: z.number().int().positive(),
    revisitEveryDays: z.number().int().positive(),
    reminderDaysBefore: z.number().int().nonnegative(),
    supportTopics: z.array(EducationTopicSchema),
    localTime: LocalTimeSchema,
  }),
  defaultOptions: {
    seriousHardship: ['illness', 'job_loss', 'disaster', 'family_event'],
    reviewWithinDays: 1,
    pauseDays: 30,
    revisitEveryDays: 21,
    reminderDaysBefore: 2,
    supportTopics: ['hardship_support', 'budgeting'],
    localTime: '10:00',
  },
  create: (options, { reason }) => {
    // Precomputed once: membership tests per decision are then O(1).
    const serious = new Set(options.seriousHardship);
    type Planned = ProposedFollowUp<Parameters<typeof reason>[0]>;

    return {
      decide: ({ now, tenant, outcome, plan }) => {
        const zone = tenant.timeZone;
        const today = localDateAt(now, zone);
        const at = (date: string) => zonedToInstant(date, options.localTime, zone);
        const inDays = (days: number) => at(addDays(today, days));
        const nowMs = Date.parse(now);
        const currency = plan?.currency ?? tenant.currency;
        const instalmentFollowUps = (plan?.instalments ?? [])
          .flatMap((i): Planned[] => [
            {
              kind: 'instalment_reminder',
              dueAt: at(addDays(i.dueDate, -options.reminderDaysBefore)),
              educationTopic: null,
              reason: reason('reminder.instalment', {
                sequence: i.sequence,
                amount: formatMoney(i.amountMinor, currency),
                dueDate: i.dueDate,
              }),
            },
            {
              kind: 'instalment_check',
              dueAt: at(addDays(i.dueDate, 1)),
              educationTopic: null,
              reason: reason('check.instalment', { sequence: i.sequence, dueDate: i.dueDate }),
            },
          ])
          .filter((f) => Date.parse(f.dueAt) > nowMs);

        if (outcome === null)
          return {
            followUps: instalmentFollowUps,
            reasons: [reason('plan.accepted', { instalments: plan?.instalments.length ?? 0 })],
          };
        const found = outcome.hardshipReasons.filter((h) => serious.has(h));

        if (found.length > 0) {
          const followUps: Planned[] = [
            {
              kind: 'hardship_review',
              dueAt: inDays(options.reviewWithinDays),
              educationTopic: null,
              reason: reason('review.scheduled', { days: options.reviewWithinDays }),
            },
            ...options.supportTopics.map(
              (topic, i): Planned => ({
                kind: 'education',
                dueAt: inDays(options.reviewWithinDays + i + 1),
                educationTopic: topic,
                reason: reason('education.support', { topic }),
              }),
            ),
            {
              kind: 'revisit',
              dueAt: inDays(options.pauseDays),
              educationTopic: null,
              reason: reason('collection.paused', { days: options.pauseDays }),
            },
          ];
          return { followUps, reasons: [reason('hardship.serious', { hardship: found.join(', ') })] };
        }

        return {
          followUps: [
            ...instalmentFollowUps,
            {
              kind: 'revisit',
              dueAt: inDays(options.revisitEveryDays),
              educationTopic: null,
              reason: reason('revisit.cadence', { days: options.revisitEveryDays }),
            },
          ],
          reasons: [reason('hardship.none', {})],
        };
      },
    };
  },
});
