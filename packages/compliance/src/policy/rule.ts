import {
  CONTACT_CHANNELS,
  type ComplianceAssessment,
  type ContactChannel,
  type Interval,
  instantIsWithin,
  intersectIntervals,
  normalizeIntervals,
  type ReasonValue,
  renderTemplate,
  subtractIntervals,
  toInstant,
  type Veto,
  type VisitQuery,
} from '@doorstep/core';
import { type Span, toInterval, toSpan } from '../windows/spans';
import { factsOf, type VisitFacts } from './facts';

export type RestrictionData = Readonly<Record<string, ReasonValue>>;

/**
 * What one rule says about the query span: where it lets a visit happen, and why not elsewhere.
 * A rule that leaves nothing of the span vetoes the visit; one that leaves part of it only narrows
 * the windows, so a planner asking for a fortnight still gets the days after a cool-down ends.
 */
export interface Restriction<C extends string = string> {
  readonly allowed: readonly Interval[];
  readonly code: C;
  readonly data: RestrictionData;
}

/**
 * What a rule protects, which decides when it is asked:
 * - `customer`: who the customer is now (flags, pauses) — asked on every channel at every stage,
 *   including when a follow-up fires (`action`);
 * - `contact`: making contact now (hours, frequency) — asked for the channels the rule names, when a
 *   contact is planned or made, never when a follow-up merely fires;
 * - `visit`: a visit's own logistics (staff, notice, cool-down, caps, holidays, place) — asked only
 *   for visits, when planned or made.
 */
export type RuleScope = 'customer' | 'contact' | 'visit';

export interface Rule<O, C extends string = string> {
  readonly id: string;
  /** Whether an authorised person may lift a veto of this rule (recorded in the audit trail). */
  readonly overridable: boolean;
  readonly scope: RuleScope;
  /** For a `contact` rule, the channels it governs; absent, every contact channel. */
  readonly channels?: readonly ContactChannel[];
  readonly reasons: Readonly<Record<C, string>>;
  check(facts: VisitFacts, options: O): Restriction<C> | undefined;
}

/** The catalogue of a rule with a single reason. */
export const singleReason = <C extends string>(code: C, template: string) =>
  ({ [code]: template }) as Record<C, string>;

/** A restriction that forbids the whole query span. */
export const forbidAll = <C extends string>(code: C, data: RestrictionData = {}): Restriction<C> => ({
  allowed: [],
  code,
  data,
});

/**
 * A restriction from spans during which the rule forbids a visit; `until` in the data tells when
 * the one covering the start of the query ends, which is what a veto message needs.
 */
export function forbidDuring<C extends string>(
  facts: VisitFacts,
  forbidden: readonly Span[],
  code: C,
  data: RestrictionData,
): Restriction<C> {
  // Only the part from the query start on matters, which also keeps open-ended pauses finite.
  const clipped = forbidden.map((span) => ({ start: Math.max(span.start, facts.span.start), end: span.end }));
  const blocked = normalizeIntervals(clipped.filter((span) => span.start < span.end).map(toInterval));
  const current = blocked.find((interval) => instantIsWithin(facts.interval.start, [interval]));
  return {
    allowed: subtractIntervals([facts.interval], blocked),
    code,
    data: current ? { ...data, until: current.end } : data,
  };
}

/** Whether `rule` has anything to say about the question `facts` asks (see `RuleScope`). */
export function ruleApplies(rule: Pick<Rule<unknown>, 'scope' | 'channels'>, facts: VisitFacts): boolean {
  if (rule.scope === 'customer') return true;
  if (facts.stage === 'action' || facts.channel === 'none') return false;
  if (rule.scope === 'visit') return facts.channel === 'visit';
  return (rule.channels ?? CONTACT_CHANNELS).includes(facts.channel);
}

export function reasonsOf<O>(rules: ReadonlyArray<Rule<O>>): Readonly<Record<string, string>> {
  return Object.assign({}, ...rules.map((rule) => rule.reasons));
}

/**
 * Runs every rule over the query: windows are what all non-vetoing rules allow together, and a
 * non-overridable veto leaves none. An empty interval is judged as the instant it names.
 */
export function assessWithRules<O>(
  rules: ReadonlyArray<Rule<O>>,
  options: O,
  query: VisitQuery,
): ComplianceAssessment {
  const { start, end } = toSpan(query.interval);
  const facts = factsOf(query, { start, end: Math.max(end, start + 1) });
  let windows = normalizeIntervals([{ start: toInstant(start), end: toInstant(end) }]);
  const vetoes: Veto[] = [];
  for (const rule of rules) {
    if (!ruleApplies(rule, facts)) continue;
    const restriction = rule.check(facts, options);
    if (!restriction) continue;
    const allowed = intersectIntervals(restriction.allowed, [facts.interval]);
    if (allowed.length > 0) {
      windows = intersectIntervals(windows, allowed);
      continue;
    }
    const template = rule.reasons[restriction.code] ?? restriction.code;
    vetoes.push({
      rule: rule.id,
      overridable: rule.overridable,
      code: restriction.code,
      data: restriction.data,
      message: renderTemplate(template, restriction.data),
    });
  }
  const binding = vetoes.some((veto) => !veto.overridable);
  return { windows: binding ? [] : windows, vetoes };
}
