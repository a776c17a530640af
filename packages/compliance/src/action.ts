import type { ActionStance, Instant, Veto, VisitQuery } from '@doorstep/core';
import type { CombinedCompliance } from './combine';

/** What compliance says about a follow-up action or an outbound event at the moment it would happen. */
export type ActionVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** The first binding veto, else the first one: the rule a suppression is recorded under. */
      readonly barredBy: Veto;
      readonly vetoes: readonly Veto[];
    };

/**
 * "May this follow-up act on the customer now?" — asked when a timer fires or an event is about to
 * leave, never only when it was scheduled. The packs judge it at the `action` stage with the action's
 * channel and purpose: only the rules about who the customer is now (flags, Breathing Space, a
 * hardship pause, vulnerability) speak, since nobody is at the door yet. Any veto bars the action,
 * overridable or not: overrides are recorded per visit by a person, and no person is asked here.
 *
 * @example
 * const verdict = judgeAction(compliance, facts.query, FOLLOW_UP_STANCES.escalation, nowIso);
 * if (!verdict.allowed) suppress(verdict.barredBy.rule, verdict.barredBy.message);
 */
export function judgeAction(
  compliance: CombinedCompliance,
  query: Omit<VisitQuery, 'staff' | 'interval' | 'stage' | 'channel' | 'purpose'>,
  stance: ActionStance,
  at: Instant,
): ActionVerdict {
  const { vetoes } = compliance.assessVisit({
    ...query,
    staff: [],
    interval: { start: at, end: at },
    stage: 'action',
    channel: stance.channel,
    purpose: stance.purpose,
  });
  const barredBy = vetoes.find((veto) => !veto.overridable) ?? vetoes[0];
  return barredBy === undefined ? { allowed: true } : { allowed: false, barredBy, vetoes };
}
