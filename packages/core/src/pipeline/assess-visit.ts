import type { SupervisorOverride, Veto, VisitQuery } from '../contracts/compliance';
import type { VisitId } from '../ids/ids';
import { type PolicyFailure, policyFailure } from '../plugins/failure';
import type { ResolvedPolicySet } from '../plugins/policy-set';
import type { Reason } from '../reasons/reason';
import { err, ok, type Result } from '../result/result';
import { intersectIntervals } from '../time/intervals';
import type { Interval } from '../time/schemas';
import { engineReason } from './engine-reasons';

export type AttributedVeto = Veto & { policyId: string; policyVersion: string };

export interface CombinedAssessment {
  /** Intersection of every pack's windows: a time is allowed only if all packs allow it. */
  windows: Interval[];
  vetoes: AttributedVeto[];
}

const isWhole = (window: Interval, whole: Interval): boolean =>
  window === whole || (window.start === whole.start && window.end === whole.end);

/** Asks every compliance plugin of the set and combines their answers. */
export const assessVisit = (
  set: ResolvedPolicySet,
  query: VisitQuery,
): Result<CombinedAssessment, PolicyFailure> => {
  const whole = query.interval;
  let windows: Interval[] = Date.parse(whole.start) < Date.parse(whole.end) ? [whole] : [];
  const vetoes: AttributedVeto[] = [];
  for (const policy of set.compliance) {
    try {
      const assessment = policy.fns.assessVisit(query);
      // A pack allowing the whole interval leaves the windows as they are; no need to re-parse them.
      if (!(assessment.windows.length === 1 && isWhole(assessment.windows[0]!, whole))) {
        windows = intersectIntervals(windows, assessment.windows);
      }
      for (const veto of assessment.vetoes) {
        vetoes.push({ ...veto, policyId: policy.id, policyVersion: policy.version });
      }
    } catch (error) {
      return err(policyFailure(policy, error));
    }
  }
  return ok({ windows, vetoes });
};

export interface ComplianceDecision {
  allowed: boolean;
  windows: Interval[];
  /** Vetoes still in force. */
  blocking: AttributedVeto[];
  /** Vetoes lifted, each with the override that lifted it: the audit trail. */
  overridden: Array<{ veto: AttributedVeto; override: SupervisorOverride; reason: Reason }>;
  rejectedOverrides: Array<{ override: SupervisorOverride; reason: Reason }>;
  reasons: Reason[];
}

/**
 * The final word on one visit: combined windows and vetoes, minus the vetoes a supervisor
 * overrode for this visit. A non-overridable veto stays, and the attempt is recorded.
 */
export const decideVisitCompliance = (
  set: ResolvedPolicySet,
  query: VisitQuery,
  visitId: VisitId,
  overrides: readonly SupervisorOverride[] = [],
): Result<ComplianceDecision, PolicyFailure> => {
  const assessed = assessVisit(set, query);
  if (!assessed.ok) return assessed;
  const { windows, vetoes } = assessed.value;
  const forVisit = overrides.filter((o) => o.visitId === visitId);
  const blocking: AttributedVeto[] = [];
  const overridden: ComplianceDecision['overridden'] = [];
  for (const veto of vetoes) {
    const override = veto.overridable ? forVisit.find((o) => o.rule === veto.rule) : undefined;
    if (override === undefined) blocking.push(veto);
    else overridden.push({ veto, override, reason: engineReason('override.applied', override) });
  }
  const rejectedOverrides = forVisit.flatMap((override): ComplianceDecision['rejectedOverrides'] => {
    const matching = vetoes.filter((v) => v.rule === override.rule);
    if (matching.length === 0) return [{ override, reason: engineReason('override.no-veto', override) }];
    if (matching.some((v) => !v.overridable)) {
      return [{ override, reason: engineReason('override.not-overridable', override) }];
    }
    return [];
  });
  const reasons: Reason[] = [...blocking, ...overridden.map((o) => o.reason)];
  if (windows.length === 0) reasons.push(engineReason('compliance.no-window', query.interval));
  return ok({
    allowed: blocking.length === 0 && windows.length > 0,
    windows,
    blocking,
    overridden,
    rejectedOverrides,
    reasons,
  });
};
