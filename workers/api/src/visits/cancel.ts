import type { VisitCancelReason } from '@doorstep/core';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env';
import { caseTransitionStatement } from '../repositories/case-status';
import type { VisitRow } from '../repositories/visits';
import { visitCancelled } from './events';
import { changeVisit, snapshotOf } from './lifecycle';

export interface Cancellation {
  reason: VisitCancelReason;
  customerNotified: boolean;
  note: string | null;
}

/** Whether a cancelled visit was cancelled this way: repeating it answers the first cancellation. */
export const cancelledAs = (visit: VisitRow, cancellation: Cancellation) =>
  visit.status === 'cancelled' &&
  visit.cancelReason === cancellation.reason &&
  (visit.customerNotified ?? false) === cancellation.customerNotified;

/**
 * Calls a visit off at the version read: the reason from the catalogue, whether the customer was told,
 * audited and announced as `visit.cancelled`. A case whose only coming visit this was goes back to
 * `screened`, so a later plan can pick it up again; a case in follow-up stays there.
 */
export async function cancelVisit(
  c: Context<AppEnv>,
  visit: VisitRow,
  caseStatus: string,
  version: number,
  cancellation: Cancellation,
): Promise<{ committed: boolean; row: VisitRow }> {
  const { d1, ports } = c.var.services;
  const { tenantId } = c.var.auth;
  const now = ports.now();
  const set = {
    status: 'cancelled' as const,
    cancelReason: cancellation.reason,
    cancelNote: cancellation.note,
    customerNotified: cancellation.customerNotified,
    cancelledAt: now,
    updatedAt: now,
  };
  const back = caseTransitionStatement(
    d1,
    tenantId,
    { id: visit.caseId, status: caseStatus },
    'visit_cancelled',
    now,
    {
      condition: `NOT EXISTS (SELECT 1 FROM visits other WHERE other.tenant_id = ?6 AND other.case_id = ?7
      AND other.id <> ?8 AND other.status IN ('planned', 'checked_in'))`,
      params: [tenantId, visit.caseId, visit.id],
    },
  );
  const committed = await changeVisit(c, {
    visit,
    version,
    set,
    audit: {
      action: 'visit.cancelled',
      subjectType: 'visit',
      subjectId: visit.id,
      reason: cancellation.note,
      data: { reason: cancellation.reason, customerNotified: cancellation.customerNotified },
    },
    events: [visitCancelled(snapshotOf(visit), cancellation.reason, cancellation.customerNotified)],
    also: back ? [back] : [],
  });
  return { committed, row: { ...visit, ...set, version: version + 1 } };
}
