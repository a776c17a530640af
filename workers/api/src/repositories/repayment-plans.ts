import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { cases, instalments, repaymentPlans } from '../db/schema';
import type { AuthContext } from '../http/app-env';
import { caseScope } from './scope';

export type PlanRow = typeof repaymentPlans.$inferSelect;
export type InstalmentRow = typeof instalments.$inferSelect;

/** A plan (only if its case is in the key's scope) with its instalments, in one query. */
export async function findPlan(db: Database, auth: AuthContext, planId: string) {
  const rows = await db
    .select({ plan: repaymentPlans, instalment: instalments })
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
  return { plan: first.plan, instalments: rows.flatMap((row) => (row.instalment ? [row.instalment] : [])) };
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
