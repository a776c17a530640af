import type { ActionPurpose, ContactChannel, Instant, Interval, Veto, VisitQuery } from '@doorstep/core';
import type { CombinedCompliance } from './combine';
import type { VisitQueryExtras } from './policy/facts';
import { DAY_MS, instantMs } from './windows/spans';

export interface ContactCheckQuestion {
  readonly channel: ContactChannel;
  readonly at: Instant;
  readonly staff: VisitQuery['staff'];
  readonly purpose: ActionPurpose;
  /** How far ahead to look for the next allowed windows. */
  readonly horizonDays: number;
  /** At most this many windows are returned, the earliest first. */
  readonly maxWindows: number;
}

export interface ContactCheck {
  readonly allowed: boolean;
  /** Every rule that refuses the contact at `at`, with its reason; empty when allowed. */
  readonly vetoes: readonly Veto[];
  /**
   * When the contact is allowed from `at` on, within the horizon, without anyone overriding a rule;
   * empty when a veto stands over the whole horizon.
   */
  readonly nextWindows: readonly Interval[];
}

/**
 * "May we contact this customer now, on this channel, with these staff?" for dialers and partner
 * apps: the same combined packs that guard visits, asked for one instant at the `planning` stage (a
 * visit not yet announced counts the UK notice period from now, as planning does) with the channel
 * and purpose, so hours, frequency and flags speak for calls and texts and a visit's own rules only
 * for visits. Nothing is overridden: an override is recorded per visit by a supervisor.
 *
 * @example
 * const answer = checkContact(compliance, facts.query, {
 *   channel: 'call', at: '2026-11-03T14:30:00Z', staff: [], purpose: 'collection', horizonDays: 14, maxWindows: 5,
 * }, nowIso);
 * if (!answer.allowed) show(answer.vetoes.map((v) => v.message), answer.nextWindows);
 */
export function checkContact(
  compliance: CombinedCompliance,
  query: Omit<VisitQuery, 'staff' | 'interval' | 'stage' | 'channel' | 'purpose'> & Partial<VisitQueryExtras>,
  question: ContactCheckQuestion,
  now: Instant,
): ContactCheck {
  const asked: VisitQuery & Partial<VisitQueryExtras> = {
    noticeGivenAt: now,
    ...query,
    staff: question.staff,
    interval: { start: question.at, end: question.at },
    stage: 'planning',
    channel: question.channel,
    purpose: question.purpose,
  };
  const { vetoes } = compliance.assessMoment(asked, question.at);
  const from = instantMs(question.at);
  const ahead = compliance.assessVisit({
    ...asked,
    interval: { start: question.at, end: new Date(from + question.horizonDays * DAY_MS).toISOString() },
  });
  const nextWindows = ahead.vetoes.length > 0 ? [] : ahead.windows.slice(0, question.maxWindows);
  return { allowed: vetoes.length === 0, vetoes, nextWindows };
}
