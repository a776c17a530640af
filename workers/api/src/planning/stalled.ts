import type { JobMessage } from '../jobs/messages';
import { unfenced } from '../shards/fence';

/** Rows re-sent per tick and kind, so a tick stays bounded. */
const PER_TICK = 100;

/** Tenants fenced for a move in this database are left out: their rows are frozen until the move's switch. */
export const HOPELESS_REPLANS = `status = 'solving' AND created_at <= ?1 AND ${unfenced()}`;

/**
 * The cron's statements for planning work after the first solve: a re-plan still `solving` and a
 * solved plan with a visit still unprepared that have not moved for the stall period get their
 * message again (once per period, `nudged_at`); a re-plan stuck for a day is given up. The give-up is
 * `HOPELESS_REPLANS` (`?1` the give-up instant), audited by the caller with its other give-ups.
 */
export function stalledPlanningStatements(
  db: D1Database,
  now: number,
  stalledSince: number,
  hopeless: number,
) {
  return {
    giveUp: db
      .prepare(
        `UPDATE visit_plan_replans SET status = 'failed', applied_at = ?2 WHERE ${HOPELESS_REPLANS} RETURNING id, tenant_id`,
      )
      .bind(hopeless, now),
    replans: db
      .prepare(
        `UPDATE visit_plan_replans SET nudged_at = ?1
         WHERE id IN (SELECT id FROM visit_plan_replans WHERE status = 'solving' AND created_at <= ?2
                        AND coalesce(nudged_at, 0) <= ?2 AND ${unfenced()} LIMIT ?3)
         RETURNING id, tenant_id, plan_id`,
      )
      .bind(now, stalledSince, PER_TICK),
    // A solved plan with a visit created before the stall period and still unprepared lost its chunk.
    preparations: db
      .prepare(
        `UPDATE visit_plans SET nudged_at = ?1
         WHERE id IN (SELECT DISTINCT v.plan_id FROM visits v
                      WHERE v.prepared_at IS NULL AND v.status = 'planned' AND v.plan_id IS NOT NULL
                        AND v.created_at <= ?2 AND ${unfenced('v.tenant_id')}
                      LIMIT ?3)
           AND status IN ('draft', 'published') AND coalesce(nudged_at, 0) <= ?2
         RETURNING id, tenant_id`,
      )
      .bind(now, stalledSince, PER_TICK),
  };
}

export interface StalledPlanningRow {
  id: string;
  tenant_id: string;
  plan_id?: string;
}

/** The messages that set stalled re-plans and preparations going again. */
export function planningMessages(
  replans: readonly StalledPlanningRow[],
  preparations: readonly StalledPlanningRow[],
) {
  return [
    ...replans.map((replan) => ({
      body: {
        type: 'plan.replan',
        v: 1,
        tenantId: replan.tenant_id,
        planId: replan.plan_id ?? '',
        replanId: replan.id,
      } satisfies JobMessage,
      delaySeconds: 0,
    })),
    ...preparations.map((plan) => ({
      body: { type: 'plan.prepare', v: 1, tenantId: plan.tenant_id, planId: plan.id } satisfies JobMessage,
      delaySeconds: 0,
    })),
  ];
}
