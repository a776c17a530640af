import {
  type ComplianceAssessment,
  type ReasonValue,
  renderTemplate,
  type Veto,
  type VisitQuery,
} from '@doorstep/core';
import { intersect, normalize, type Span, subtract, toInterval, toSpan } from '../windows/spans';
import { factsOf, type VisitFacts } from './facts';

export type ReasonData = Readonly<Record<string, ReasonValue>>;

/**
 * What one rule says about the query span: where it lets a visit happen, and why not elsewhere.
 * A rule that leaves nothing of the span vetoes the visit; one that leaves part of it only narrows
 * the windows, so a planner asking for a fortnight still gets the days after a cool-down ends.
 */
export interface Restriction<C extends string = string> {
  readonly allowed: readonly Span[];
  readonly code: C;
  readonly data: ReasonData;
}

export interface Rule<O, C extends string = string> {
  readonly id: string;
  /** Whether an authorised person may lift a veto of this rule (recorded in the audit trail). */
  readonly overridable: boolean;
  readonly reasons: Readonly<Record<C, string>>;
  check(facts: VisitFacts, options: O): Restriction<C> | undefined;
}

/** A restriction that forbids the whole query span. */
export const forbidAll = <C extends string>(code: C, data: ReasonData = {}): Restriction<C> => ({
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
  data: ReasonData,
): Restriction<C> {
  const blocked = normalize(forbidden);
  const allowed = subtract(facts.span, blocked);
  const current = blocked.find((span) => span.start <= facts.span.start && facts.span.start < span.end);
  return { allowed, code, data: current ? { ...data, until: new Date(current.end).toISOString() } : data };
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
  const interval = toSpan(query.interval);
  const facts = factsOf(
    query,
    interval.start < interval.end ? interval : { start: interval.start, end: interval.start + 1 },
  );
  let windows: Span[] = [interval];
  const vetoes: Veto[] = [];
  for (const rule of rules) {
    const restriction = rule.check(facts, options);
    if (!restriction) continue;
    const allowed = intersect(normalize(restriction.allowed), [facts.span]);
    if (allowed.length > 0) {
      windows = intersect(windows, allowed);
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
  return { windows: binding ? [] : normalize(windows).map(toInterval), vetoes };
}
