import { type KpiQuery, reDefaultedWithin } from './kpi-sql';

/**
 * Per arm of an education experiment: the cures of the window followed for the whole `windowMs` by
 * `asOfMs`, and those whose customer had a new case opened within it (the re-default rule of the KPI).
 */
export function educationEffectQuery(
  tenantId: string,
  experimentId: string,
  cohort: { fromMs: number; toMs: number; windowMs: number; asOfMs: number },
): KpiQuery {
  return {
    sql: `SELECT seen.arm AS arm, COUNT(*) AS observed_cures,
        SUM(${reDefaultedWithin('seen.customer_id', 'seen.cured_at', '?5')}) AS re_defaulted
      FROM after_cure_relationships seen
      WHERE seen.tenant_id = ?1 AND seen.experiment_id = ?2 AND seen.cured_at >= ?3 AND seen.cured_at < ?4
        AND seen.cured_at + ?5 <= ?6
      GROUP BY seen.arm`,
    binds: [tenantId, experimentId, cohort.fromMs, cohort.toMs, cohort.windowMs, cohort.asOfMs],
  };
}
