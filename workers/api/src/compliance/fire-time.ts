import { type ActionVerdict, judgeAction } from '@doorstep/compliance';
import { type ActionStance, toInstant } from '@doorstep/core';
import { database } from '../db/client';
import type { Guard } from '../follow-ups/guard';
import { tenantCompliance } from './enforce';
import { loadVisitFacts } from './visit-query';

export interface FireTimeJudgement {
  verdict: ActionVerdict;
  /**
   * Holds while the facts judged still do: the customer row is at the version read (intake bumps it
   * with every flag change) and no pause was added since. A write guarded by it cannot act on a
   * customer whose flags changed between the judgement and the write.
   */
  holds: Guard;
}

/**
 * The question a follow-up timer or an outbound event asks when it fires: the case's customer as they
 * are now (flags, pauses, zone), the tenant's compliance set (its pack and every compliance policy
 * of its policy set, as every other path asks), and the action's stance. The worker only reads and
 * writes; `judgeAction` decides.
 */
export async function judgeOnCase(
  d1: D1Database,
  target: { tenantId: string; caseId: string },
  stance: ActionStance,
  now: number,
): Promise<FireTimeJudgement> {
  const facts = await loadVisitFacts(database(d1), target.tenantId, target.caseId, null);
  if (facts === null)
    throw new Error(`case ${target.caseId} of tenant ${target.tenantId} has no customer to judge`);
  const { compliance } = tenantCompliance(facts);
  const customerId = facts.query.customer.id;
  return {
    verdict: judgeAction(compliance, facts.query, stance, toInstant(now)),
    holds: {
      sql: `EXISTS (SELECT 1 FROM customers WHERE id = ? AND tenant_id = ? AND version = ?)
            AND (SELECT count(*) FROM follow_up_pauses WHERE tenant_id = ? AND customer_id = ?) = ?`,
      binds: [
        customerId,
        target.tenantId,
        facts.customerVersion,
        target.tenantId,
        customerId,
        facts.query.pauses?.length ?? 0,
      ],
    },
  };
}
