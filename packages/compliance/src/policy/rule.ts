import { intersect, normalize, type Span, subtract, toInterval } from '../windows/spans';
import { factsOf, type VisitFacts, type VisitQuery } from './facts';

export type ReasonValue = string | number | boolean | readonly string[];
export type ReasonData = Readonly<Record<string, ReasonValue>>;

export interface Reason {
  readonly code: string;
  readonly data: ReasonData;
  readonly message: string;
}

export interface Veto extends Reason {
  /** `<policy id>/<rule id>`, so a veto from a combination of packs still names its source. */
  readonly rule: string;
  readonly overridable: boolean;
}

export interface ComplianceAssessment {
  /** Allowed UTC sub-intervals of the query interval; empty as soon as a non-overridable veto exists. */
  readonly windows: ReadonlyArray<{ readonly start: string; readonly end: string }>;
  readonly vetoes: readonly Veto[];
}

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

const formatValue = (value: ReasonValue): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : String(value);

/** Fills `{name}` placeholders from the reason data; unknown names stay visible rather than vanish. */
export function renderMessage(template: string, data: ReasonData): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = data[name];
    return value === undefined ? placeholder : formatValue(value);
  });
}

export function reasonsOf<O>(rules: ReadonlyArray<Rule<O>>): Readonly<Record<string, string>> {
  return Object.assign({}, ...rules.map((rule) => rule.reasons));
}

/** Runs every rule over the query: windows are what all non-vetoing rules allow together. */
export function assessWithRules<O>(
  policyId: string,
  rules: ReadonlyArray<Rule<O>>,
  options: O,
  query: VisitQuery,
): ComplianceAssessment {
  const facts = factsOf(query);
  let windows: Span[] = facts.span.start < facts.span.end ? [facts.span] : [];
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
      rule: `${policyId}/${rule.id}`,
      overridable: rule.overridable,
      code: restriction.code,
      data: restriction.data,
      message: renderMessage(template, restriction.data),
    });
  }
  const binding = vetoes.some((veto) => !veto.overridable);
  return { windows: binding ? [] : windows.map(toInterval), vetoes };
}
