import {
  addDays,
  decideFollowUps,
  type FollowUpDecision,
  type HardshipReason,
  type IdSource,
  type PromiseToPay,
  type RepaymentPlan,
  type ResolvedPolicySet,
  toInstant,
  type VisitOutcome,
  zonedToInstant,
} from '@doorstep/core';
import { scheduleFollowUpStatements } from '../src/follow-ups/schedule';

/** Where a simulated case lives: its tenant, the tenant's zone, currency and pack. */
export interface SimTenant {
  id: string;
  zone: string;
  currency: string;
  pack: string;
}

const localMidnightAfter = (date: string, zone: string) =>
  Date.parse(zonedToInstant(addDays(date, 1), '00:00', zone));

/** The visit outcome a simulated case's schedule is decided from. */
export function simOutcome(
  caseId: string,
  recordedAt: number,
  tenant: SimTenant,
  said: { met: boolean; willingness: number; monthlyMinor: number; hardship?: HardshipReason[] },
): VisitOutcome {
  return {
    visitId: `vis_${caseId}` as VisitOutcome['visitId'],
    recordedAt: toInstant(recordedAt),
    contactResult: said.met ? 'customer_met' : 'nobody_home',
    identityChecklist: [],
    hardshipReasons: said.hardship ?? [],
    willingness: said.willingness,
    monthlyAbilityToPay: { amountMinor: said.monthlyMinor, currency: tenant.currency },
    satisfaction: 4,
    promiseToPay: null,
    planProposal: null,
    evidenceRefs: [],
    notes: '',
  };
}

/** An open promise of 600 units due on a local date, and its row as the outcome route writes it. */
export function openPromise(tenant: SimTenant, caseId: string, dueDate: string, madeAt: number) {
  const promise: PromiseToPay = {
    id: `ptp_${caseId}` as PromiseToPay['id'],
    caseId: caseId as PromiseToPay['caseId'],
    amount: { amountMinor: 60_000, currency: tenant.currency },
    dueDate,
    madeAt: toInstant(madeAt),
    status: 'open',
  };
  const row = {
    id: promise.id,
    tenant_id: tenant.id,
    case_id: caseId,
    amount: 60_000,
    currency: tenant.currency,
    promised_date: dueDate,
    due_at: localMidnightAfter(dueDate, tenant.zone),
    status: 'open',
    created_at: madeAt,
  };
  return { promise, row };
}

/** An accepted plan of 1,000-unit instalments due on the given local dates, and its rows. */
export function acceptedPlan(
  tenant: SimTenant,
  caseId: string,
  dueDates: readonly string[],
  acceptedAt: number,
) {
  const instalments = dueDates.map((dueDate, k) => ({
    sequence: k + 1,
    dueDate,
    dueAt: toInstant(localMidnightAfter(dueDate, tenant.zone)),
    amountMinor: 100_000,
  }));
  const plan: RepaymentPlan = {
    id: `plan_${caseId}` as RepaymentPlan['id'],
    caseId: caseId as RepaymentPlan['caseId'],
    currency: tenant.currency,
    totalMinor: 100_000 * instalments.length,
    waivedMinor: 0,
    instalments,
    status: 'agreed',
    createdAt: toInstant(acceptedAt),
  };
  const planRow = {
    id: plan.id,
    tenant_id: tenant.id,
    case_id: caseId,
    status: 'accepted',
    total: plan.totalMinor,
    currency: tenant.currency,
    term_months: instalments.length,
    reasons: '[]',
    proposed_at: acceptedAt,
    accepted_at: acceptedAt,
  };
  const instalmentRows = instalments.map((instalment) => ({
    plan_id: plan.id,
    seq: instalment.sequence,
    tenant_id: tenant.id,
    due_date: instalment.dueDate,
    due_at: Date.parse(instalment.dueAt),
    amount: instalment.amountMinor,
    status: 'pending',
  }));
  return { plan, planRow, instalmentRows };
}

/**
 * The schedule the tenant's follow-up policy decides for a case in follow-up at `decidedAt`, and the
 * statements that put it on timers, as the outcome route does.
 */
export function decideSimSchedule(
  db: D1Database,
  policies: ResolvedPolicySet,
  ids: IdSource,
  input: {
    tenant: SimTenant;
    caseId: string;
    decidedAt: number;
    outcome: VisitOutcome;
    promise: PromiseToPay | null;
    plan: RepaymentPlan | null;
  },
): { decision: FollowUpDecision; statements: D1PreparedStatement[] } {
  const { tenant, caseId, promise, plan } = input;
  const decidedAt = toInstant(input.decidedAt);
  const decided = decideFollowUps(
    policies,
    {
      tenant: {
        tenantId: tenant.id as `ten_${string}`,
        timeZone: tenant.zone,
        currency: tenant.currency,
        jurisdictionPackId: tenant.pack,
      },
      case: {
        id: caseId as `case_${string}`,
        customerId: `cus_${caseId}`,
        accountId: `acc_${caseId}`,
        status: 'in_follow_up',
        openedAt: decidedAt,
        updatedAt: decidedAt,
      },
      outcome: input.outcome,
      overdueTotal: { amountMinor: 300_000, currency: tenant.currency },
      plan,
      promise,
    },
    { now: decidedAt, ids },
  );
  if (!decided.ok) throw new Error(`follow-up policy failed for ${caseId}`);
  const scheduled = scheduleFollowUpStatements(db, {
    tenantId: tenant.id,
    caseId,
    decisions: decided.value.followUps,
    refs: { promiseId: promise?.id ?? null, planId: plan?.id ?? null },
    now: input.decidedAt,
  });
  if (!scheduled.ok) throw new Error(scheduled.problem.code);
  return { decision: decided.value, statements: scheduled.statements };
}
