import type { RepaymentPlan } from '@doorstep/core';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases, instalments, repaymentPlans } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { caseScope } from './scope';

export type PlanRow = typeof repaymentPlans.$inferSelect;
export type InstalmentRow = typeof instalments.$inferSelect;

/** A plan (only if its case is in the key's scope) with its case and instalments, in one query. */
export async function findPlan(db: Database, auth: AuthContext, planId: string) {
  const rows = await db
    .select({ plan: repaymentPlans, kase: cases, instalment: instalments })
    .from(repaymentPlans)
    .innerJoin(cases, and(eq(cases.tenantId, repaymentPlans.tenantId), eq(cases.id, repaymentPlans.caseId)))
    .leftJoin(
      instalments,
      and(eq(instalments.tenantId, repaymentPlans.tenantId), eq(instalments.planId, repaymentPlans.id)),
    )
    .where(and(caseScope(auth), eq(repaymentPlans.id, planId)))
    .orderBy(asc(instalments.seq))
    .all();
  const first = rows[0];
  if (!first) return undefined;
  return {
    plan: first.plan,
    kase: first.kase,
    instalments: rows.flatMap((row) => (row.instalment ? [row.instalment] : [])),
  };
}

export function acceptPlan(db: Database, tenantId: string, planId: string, version: number, at: number) {
  return db
    .update(repaymentPlans)
    .set({ status: 'accepted', acceptedAt: at, version: version + 1 })
    .where(
      and(
        eq(repaymentPlans.tenantId, tenantId),
        eq(repaymentPlans.id, planId),
        eq(repaymentPlans.version, version),
      ),
    );
}

/** The plans of a case the customer is holding to now; accepting another one supersedes them. */
export function acceptedPlanIds(db: Database, tenantId: string, caseId: string, exceptPlanId: string) {
  return db
    .select({ id: repaymentPlans.id })
    .from(repaymentPlans)
    .where(
      and(
        eq(repaymentPlans.tenantId, tenantId),
        eq(repaymentPlans.caseId, caseId),
        eq(repaymentPlans.status, 'accepted'),
        ne(repaymentPlans.id, exceptPlanId),
      ),
    )
    .all();
}

/** Guarded on `accepted`: a plan that broke or completed in the meantime keeps that status. */
export function supersedePlan(db: Database, tenantId: string, planId: string) {
  return db
    .update(repaymentPlans)
    .set({ status: 'superseded', version: sql`${repaymentPlans.version} + 1` })
    .where(
      and(
        eq(repaymentPlans.tenantId, tenantId),
        eq(repaymentPlans.id, planId),
        eq(repaymentPlans.status, 'accepted'),
      ),
    );
}

/** The accepted plan as the core's follow-up policy reads it (the core calls acceptance `agreed`). */
export function coreAcceptedPlan(plan: PlanRow, rows: readonly InstalmentRow[]): RepaymentPlan {
  return {
    id: plan.id as RepaymentPlan['id'],
    caseId: plan.caseId as RepaymentPlan['caseId'],
    currency: plan.currency,
    totalMinor: plan.total,
    waivedMinor: plan.waived,
    status: 'agreed',
    createdAt: new Date(plan.proposedAt).toISOString(),
    instalments: rows.map((i) => ({
      sequence: i.seq,
      dueDate: i.dueDate,
      dueAt: new Date(i.dueAt).toISOString(),
      amountMinor: i.amount,
    })),
  };
}
