import {
  type ComplianceAssessment,
  type ComplianceFunctions,
  instantIsWithin,
  intersectIntervals,
  normalizeIntervals,
  renderTemplate,
  toInstant,
  type Veto,
  type VisitQuery,
} from '@doorstep/core';
import { instantMs } from './windows/spans';

export type CheckInDecision =
  | { readonly allowed: true; readonly overridden: readonly Veto[] }
  | { readonly allowed: false; readonly forbiddenBy: Veto; readonly vetoes: readonly Veto[] };

export interface CombinedCompliance extends ComplianceFunctions {
  /**
   * The one millisecond at `at`, at the query's own stage: every rule that excludes it becomes a veto
   * naming it; windows that exclude it without a rule (a plugin's) give `outside-windows`.
   */
  assessMoment(query: VisitQuery, at: string): { readonly vetoes: readonly Veto[] };
  /**
   * The check when an agent records a visit: is `at` allowed? `overrides` lists the rule ids whose
   * overridable vetoes a supervisor has lifted for this visit (the caller records who, when, why).
   */
  assessCheckIn(query: VisitQuery, at: string, overrides?: readonly string[]): CheckInDecision;
}

const OUTSIDE_WINDOWS = 'Visits are not allowed at {at}';

/**
 * Several packs as one, for a tenant bound by more than one regime: a visit must satisfy all of
 * them, so windows intersect and vetoes add up.
 *
 * @example
 * const compliance = combineCompliance([cnPack.create(cnPack.defaultOptions), houseRules]);
 * const decision = compliance.assessCheckIn(query, '2026-05-07T02:15:00Z');
 * if (!decision.allowed) show(decision.forbiddenBy.rule, decision.forbiddenBy.message);
 */
export function combineCompliance(policies: readonly ComplianceFunctions[]): CombinedCompliance {
  function assessVisit(query: VisitQuery): ComplianceAssessment {
    const assessments = policies.map((policy) => policy.assessVisit(query));
    return {
      windows: assessments.reduce(
        (shared, assessment) => intersectIntervals(shared, assessment.windows),
        normalizeIntervals([query.interval]),
      ),
      vetoes: assessments.flatMap((assessment) => assessment.vetoes),
    };
  }

  // Assessing the one millisecond at `at` turns every rule that excludes it into a veto naming it.
  function judgeMoment(query: VisitQuery, at: string) {
    const instant = instantMs(at);
    const moment = { start: toInstant(instant), end: toInstant(instant + 1) };
    const { windows, vetoes } = assessVisit({ ...query, interval: moment });
    return { vetoes, within: instantIsWithin(moment.start, windows), start: moment.start };
  }

  function assessMoment(query: VisitQuery, at: string) {
    const { vetoes, within, start } = judgeMoment(query, at);
    return { vetoes: vetoes.length > 0 || within ? vetoes : [outsideWindows(start)] };
  }

  function assessCheckIn(query: VisitQuery, at: string, overrides: readonly string[] = []): CheckInDecision {
    const { vetoes, within, start } = judgeMoment({ ...query, stage: 'check_in' }, at);
    const lifted = (veto: Veto) => veto.overridable && overrides.includes(veto.rule);
    const standing = vetoes.filter((veto) => !lifted(veto));
    const forbiddenBy =
      standing.find((veto) => !veto.overridable) ??
      standing[0] ??
      (within ? undefined : outsideWindows(start));
    return forbiddenBy
      ? { allowed: false, forbiddenBy, vetoes: standing.length > 0 ? standing : [forbiddenBy] }
      : { allowed: true, overridden: vetoes.filter(lifted) };
  }

  return { assessVisit, assessMoment, assessCheckIn };
}

// A plugin may shape its windows without naming a rule; the check-in still needs a reason to show.
function outsideWindows(at: string): Veto {
  const data = { at };
  return {
    rule: 'outside-windows',
    overridable: false,
    code: 'visit.outside-windows',
    data,
    message: renderTemplate(OUTSIDE_WINDOWS, data),
  };
}
