import type { VisitQuery } from '../contracts/compliance';
import type { ScreeningInput } from '../contracts/screening';
import type { CaseId } from '../ids/ids';
import { compareText } from '../order/compare';
import { type PolicyFailure, policyFailure } from '../plugins/failure';
import type { ResolvedPolicySet } from '../plugins/policy-set';
import type { Reason } from '../reasons/reason';
import { err, ok, type Result } from '../result/result';
import { toInstant } from '../time/zoned';
import { type AttributedVeto, assessVisit } from './assess-visit';
import type { DecisionContext } from './context';
import { engineReason } from './engine-reasons';

/** How far ahead screening asks compliance whether any visit would be possible. */
export const SCREENING_HORIZON_DAYS = 14;

export type ScreenCaseInput = Omit<ScreeningInput, 'now'> & {
  /** Earlier visits and contacts, for compliance cool-downs and caps. */
  contactHistory: VisitQuery['history'];
  holidays?: VisitQuery['holidays'];
};

export interface ScreeningDecision {
  caseId: CaseId;
  eligible: boolean;
  /** Sum of the screening plugins' scores; 0 when not eligible. */
  priority: number;
  reasons: Reason[];
  /** Present when compliance excluded the case before any scoring. */
  excludedBy?: AttributedVeto[];
  policySetVersion: string;
}

const DAY_MS = 86_400_000;

// Screening runs in batches that share `now`; remember the last horizon instead of reformatting it.
let lastNow = '';
let lastHorizonEnd = '';
const horizonEnd = (now: string): string => {
  if (now !== lastNow) {
    lastNow = now;
    lastHorizonEnd = toInstant(Date.parse(now) + SCREENING_HORIZON_DAYS * DAY_MS);
  }
  return lastHorizonEnd;
};

/**
 * Decides whether a case should get a visit and how urgently. Compliance exclusions (cease
 * contact, dispute, breathing space, cool-downs…) run first; a case they exclude is not scored.
 *
 * @example
 * const decision = screenCase(set, { tenant, customer, account, case: c, snapshot, history, region, contactHistory: { visits: [] } }, ctx);
 * if (decision.ok && decision.value.eligible) queueForPlanning(decision.value.priority);
 */
export const screenCase = (
  set: ResolvedPolicySet,
  input: ScreenCaseInput,
  ctx: DecisionContext,
): Result<ScreeningDecision, PolicyFailure> => {
  if (set.compliance.length > 0) {
    const query: VisitQuery = {
      tenant: input.tenant,
      customer: input.customer,
      case: input.case,
      staff: [],
      interval: { start: ctx.now, end: horizonEnd(ctx.now) },
      history: input.contactHistory,
      stage: 'screening',
    };
    if (input.holidays !== undefined) query.holidays = input.holidays;
    const assessed = assessVisit(set, query);
    if (!assessed.ok) return assessed;
    const { windows, vetoes } = assessed.value;
    if (vetoes.length > 0 || windows.length === 0) {
      const reasons: Reason[] = [...vetoes];
      if (windows.length === 0) reasons.push(engineReason('compliance.no-window', query.interval));
      return ok({
        caseId: input.case.id,
        eligible: false,
        priority: 0,
        reasons,
        excludedBy: vetoes,
        policySetVersion: set.version,
      });
    }
  }

  const screeningInput: ScreeningInput = {
    now: ctx.now,
    tenant: input.tenant,
    customer: input.customer,
    exposure: input.exposure,
    account: input.account,
    case: input.case,
    snapshot: input.snapshot,
    history: input.history,
    region: input.region,
    risk: input.risk ?? null,
  };
  let eligible = true;
  let priority = 0;
  let reasons: Reason[] = [];
  const policies = set.screening;
  for (let i = 0; i < policies.length; i++) {
    const policy = policies[i]!;
    try {
      const verdict = policy.fns.screen(screeningInput);
      eligible &&= verdict.eligible;
      priority += verdict.score;
      reasons = i === 0 ? verdict.reasons : reasons.concat(verdict.reasons);
    } catch (error) {
      return err(policyFailure(policy, error));
    }
  }
  return ok({
    caseId: input.case.id,
    eligible,
    priority: eligible ? Math.round(priority * 100) / 100 : 0,
    reasons,
    policySetVersion: set.version,
  });
};

/**
 * Orders decisions for planning: eligible first, higher priority first, then case id so equal
 * priorities come out in the same order on every run.
 */
export const rankScreened = (decisions: readonly ScreeningDecision[]): ScreeningDecision[] =>
  [...decisions].sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) || b.priority - a.priority || compareText(a.caseId, b.caseId),
  );
