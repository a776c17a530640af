import {
  addMonthsClamped,
  defineRelationshipPolicy,
  EducationTopicSchema,
  LocalTimeSchema,
  localDateAt,
  type PlannedContact,
  type Reason,
  zonedToInstant,
} from '@doorstep/core';
import { drawEducationArm } from '@doorstep/evaluation';
import { z } from 'zod';

const Months = z.number().int().min(1).max(24);

/**
 * After a cure, keep in touch lightly: a check-in message at 1 and 3 months and, at 2 months, a lesson
 * (by default on how on-time payments rebuild a credit report). Never about money. Consent is the
 * tenant's choice of `opt-out` (contact unless the customer said no) or `opt-in` (only after a yes);
 * every contact is judged again when it falls due. An optional experiment withholds the lesson from a
 * random share of cures, so its effect on re-default can be measured.
 */
export const postCureCheckIns = defineRelationshipPolicy({
  id: 'post-cure-check-ins',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'Light, consented contact after a cure: check-in messages at chosen months and one lesson offer, ' +
      'optionally withheld from a random share of cures to measure the lesson’s effect on re-default.',
  },
  reasons: {
    'consent.mode': 'Contact after a cure is {consent}',
    'check-in.planned': 'Check in {months} month(s) after the cure, on {date}',
    'lesson.planned': 'Offer lesson {lessonId} {months} month(s) after the cure, on {date}',
    'lesson.withheld': 'Experiment {experimentId}: draw {draw} < {withholdShare}, so no lesson is offered',
    'lesson.drawn': 'Experiment {experimentId}: draw {draw} >= {withholdShare}, so the lesson is offered',
    'contact.past':
      'The {months}-month contact fell on {date}, before this cure was seen; it is not sent late',
  },
  options: z.object({
    consent: z.enum(['opt-out', 'opt-in']),
    checkInMonths: z.array(Months).max(6),
    lessonOffer: z
      .object({
        lessonId: EducationTopicSchema,
        afterMonths: Months,
        experiment: z
          .object({ id: z.string().min(1).max(64), withholdShare: z.number().gt(0).lt(1) })
          .nullable(),
      })
      .nullable(),
    /** Local time at which contacts fall due (inside every pack's contact hours). */
    localTime: LocalTimeSchema,
  }),
  defaultOptions: {
    consent: 'opt-out',
    checkInMonths: [1, 3],
    lessonOffer: { lessonId: 'credit_report', afterMonths: 2, experiment: null },
    localTime: '10:00',
  },
  create: (options, { reason }) => ({
    afterCure: ({ now, tenant, cure }) => {
      const zone = tenant.timeZone;
      const curedOn = localDateAt(cure.curedAt, zone);
      const on = (months: number) => addMonthsClamped(curedOn, months);
      type Code = Parameters<typeof reason>[0];
      const contacts: PlannedContact<Code>[] = [];
      const reasons: Reason<Code>[] = [reason('consent.mode', { consent: options.consent })];
      const plan = (
        kind: 'check_in' | 'lesson_offer',
        months: number,
        lessonId: PlannedContact['lessonId'],
      ) => {
        const date = on(months);
        const dueAt = zonedToInstant(date, options.localTime, zone);
        if (Date.parse(dueAt) <= Date.parse(now)) {
          reasons.push(reason('contact.past', { months, date }));
          return;
        }
        contacts.push({
          kind,
          dueAt,
          monthsAfterCure: months,
          lessonId,
          reason:
            kind === 'check_in'
              ? reason('check-in.planned', { months, date })
              : reason('lesson.planned', { lessonId: lessonId ?? '', months, date }),
        });
      };
      for (const months of options.checkInMonths) plan('check_in', months, null);
      let experiment: { id: string; arm: 'offered' | 'withheld'; draw: number } | null = null;
      const offer = options.lessonOffer;
      if (offer !== null) {
        const trial = offer.experiment;
        const drawn = trial === null ? null : drawEducationArm(trial, cure.caseId);
        if (trial !== null && drawn !== null) {
          experiment = { id: trial.id, arm: drawn.arm, draw: drawn.draw };
          const data = { experimentId: trial.id, draw: drawn.draw, withholdShare: trial.withholdShare };
          reasons.push(
            drawn.arm === 'withheld' ? reason('lesson.withheld', data) : reason('lesson.drawn', data),
          );
        }
        if (experiment?.arm !== 'withheld') plan('lesson_offer', offer.afterMonths, offer.lessonId);
      }
      return { contacts, consent: options.consent, experiment, reasons };
    },
  }),
});

export const relationshipPolicies = [postCureCheckIns] as const;
