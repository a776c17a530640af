import {
  type Case,
  type CaseEvent,
  type ContactResult,
  decideFollowUps,
  type FollowUpDecision,
  type HardshipReason,
  type IdSource,
  type Instant,
  overdueTotalMinor,
  type PolicyFailure,
  proposeRepaymentPlan,
  type RepaymentDecision,
  type ResolvedPolicySet,
  type ScreenCaseInput,
  type ScreeningDecision,
  screenCase,
  toInstant,
  transition,
  type VisitOutcome,
} from '@doorstep/core';
import { sequentialIds } from '@doorstep/core/testing';
import { type Random, seededRandom } from './random';

export interface SimulationOptions {
  set: ResolvedPolicySet;
  input: ScreenCaseInput;
  now: Instant;
  /** Drives the synthetic visit outcome when `outcome` is not given. */
  seed: number;
  /** A scripted outcome instead of a generated one; `visitId` and `recordedAt` are filled in. */
  outcome?: Omit<VisitOutcome, 'visitId' | 'recordedAt'>;
  ids?: IdSource;
}

export interface SimulationTrace {
  screening: ScreeningDecision;
  /** Every event applied to the case, in order. */
  events: CaseEvent[];
  case: Case;
  outcome: VisitOutcome | null;
  repayment: RepaymentDecision | null;
  followUps: FollowUpDecision | null;
}

export type SimulationResult =
  | { ok: true; trace: SimulationTrace }
  | { ok: false; error: PolicyFailure | { code: 'CASE.ILLEGAL_TRANSITION'; message: string } };

const HOUR_MS = 3_600_000;

const CONTACT_RESULTS: readonly (readonly [ContactResult, number])[] = [
  ['customer_met', 0.6],
  ['nobody_home', 0.2],
  ['third_party_only', 0.08],
  ['refused', 0.07],
  ['moved', 0.05],
];
const HARDSHIPS: readonly HardshipReason[] = [
  'job_loss',
  'illness',
  'business_failure',
  'family_event',
  'over_indebtedness',
  'disaster',
  'other',
];

/** A plausible doorstep outcome: most customers are met; what they can afford scales with the debt. */
const syntheticOutcome = (
  random: Random,
  input: ScreenCaseInput,
): Omit<VisitOutcome, 'visitId' | 'recordedAt'> => {
  const contactResult = random.weighted(CONTACT_RESULTS);
  const met = contactResult === 'customer_met';
  const overdue = overdueTotalMinor(input.snapshot);
  const hardship = met && random.bool(0.35) ? [random.pick(HARDSHIPS)] : [];
  return {
    contactResult,
    identityChecklist: [
      { item: 'show_staff_id', confirmed: true },
      { item: 'state_purpose', confirmed: true },
    ],
    hardshipReasons: hardship,
    willingness: met ? random.int(1, 5) : null,
    monthlyAbilityToPay: met
      ? {
          amountMinor: Math.max(0, Math.round((overdue / 12) * random.logNormal(1, 0.9))),
          currency: input.snapshot.currency,
        }
      : null,
    satisfaction: met ? random.int(2, 5) : null,
    promiseToPay: null,
    planProposal: null,
    evidenceRefs: [],
    notes: '',
  };
};

/**
 * Runs one case through the flow — screening, a visit a day later, the outcome, a repayment
 * proposal when the customer was met, and the follow-up schedule — applying the case state machine
 * at each step. Deterministic for a given set, input, `now` and seed.
 */
export const simulate = (options: SimulationOptions): SimulationResult => {
  const random = seededRandom(options.seed);
  const ids = options.ids ?? sequentialIds();
  const { set, input } = options;
  const events: CaseEvent[] = [];
  let current = input.case;
  const apply = (event: CaseEvent): boolean => {
    const next = transition(current, event);
    if (!next.ok) return false;
    events.push(event);
    current = next.value;
    return true;
  };
  const illegal = (step: string): SimulationResult => ({
    ok: false,
    error: {
      code: 'CASE.ILLEGAL_TRANSITION',
      message: `Case ${current.id} (${current.status}) cannot ${step}`,
    },
  });

  const screened = screenCase(set, input, { now: options.now, ids });
  if (!screened.ok) return screened;
  const screening = screened.value;
  const base = { screening, events, outcome: null, repayment: null, followUps: null };
  if (!screening.eligible) {
    if (!apply({ type: 'screened_ineligible', at: options.now })) return illegal('be screened ineligible');
    return { ok: true, trace: { ...base, case: current } };
  }
  if (!apply({ type: 'screened_eligible', at: options.now })) return illegal('be screened eligible');
  if (!apply({ type: 'visit_planned', at: options.now })) return illegal('be planned');

  const visitedAt = toInstant(Date.parse(options.now) + 24 * HOUR_MS);
  const outcome: VisitOutcome = {
    ...(options.outcome ?? syntheticOutcome(random, input)),
    visitId: ids.next('vis'),
    recordedAt: visitedAt,
  };
  if (!apply({ type: 'visit_completed', at: visitedAt })) return illegal('complete the visit');

  const ctx = { now: visitedAt, ids };
  let repayment: RepaymentDecision | null = null;
  if (outcome.contactResult === 'customer_met' && outcome.monthlyAbilityToPay !== null) {
    const proposed = proposeRepaymentPlan(
      set,
      {
        tenant: input.tenant,
        case: current,
        snapshot: input.snapshot,
        monthlyAbilityToPay: outcome.monthlyAbilityToPay,
      },
      ctx,
    );
    if (!proposed.ok) return proposed;
    repayment = proposed.value;
  }
  const followUps = decideFollowUps(
    set,
    {
      tenant: input.tenant,
      case: current,
      outcome,
      overdueTotal: { amountMinor: overdueTotalMinor(input.snapshot), currency: input.snapshot.currency },
      plan: repayment?.kind === 'plan' ? { ...repayment.plan, status: 'agreed' } : null,
      promise: null,
    },
    ctx,
  );
  if (!followUps.ok) return followUps;
  if (!apply({ type: 'follow_up_started', at: visitedAt })) return illegal('start follow-up');
  return { ok: true, trace: { ...base, case: current, outcome, repayment, followUps: followUps.value } };
};
