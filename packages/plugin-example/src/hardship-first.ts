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
 * until a revisit. Without such hardship it keeps to gentle instalment reminders and a revisit.
 *
 * Built only on the public SDK of `@doorstep/core`.
 */
export const hardshipFirst = defineFollowUpPolicy({
  id: 'hardship-first',
  version: '1.0.0',
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
        const inDays = (days: number) => zonedToInstant(addDays(today, days), options.localTime, zone);
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

        const nowMs = Date.parse(now);
        const reminders = (plan?.instalments ?? [])
          .map(
            (i): Planned => ({
              kind: 'instalment_reminder',
              dueAt: zonedToInstant(addDays(i.dueDate, -options.reminderDaysBefore), options.localTime, zone),
              educationTopic: null,
              reason: reason('reminder.instalment', {
                sequence: i.sequence,
                amount: formatMoney(i.amountMinor, plan!.currency),
                dueDate: i.dueDate,
              }),
            }),
          )
          .filter((f) => Date.parse(f.dueAt) > nowMs);
        return {
          followUps: [
            ...reminders,
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
