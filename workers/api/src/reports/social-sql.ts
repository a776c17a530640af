/**
 * Per-period counts behind the social-responsibility summary. Rows dated by a local date (outcomes,
 * complaints) group on it; rows dated by an instant (plan acceptance, module completion) are shifted by
 * the tenant's UTC offset at the window start before taking the period: exact for zones without DST,
 * and at worst an hour off at a DST change for the others (documented in docs/kpis.md).
 */
import { type KpiQuery, periodExpression, type ReportWindow } from './kpi-sql';
import { outcomeRollupQuery } from './rollups/activity-sql';

const outcomeMeasures = [
  'visits-unscored',
  'satisfaction-1',
  'satisfaction-2',
  'satisfaction-3',
  'satisfaction-4',
  'satisfaction-5',
];

/** Visits and satisfaction per period from the outcome rollups, one row per measure like the other queries. */
function outcomeMeasuresQuery(tenantId: string, window: ReportWindow): KpiQuery {
  const outcomes = outcomeRollupQuery(tenantId, window, ['period']);
  return {
    sql: `WITH per_period AS (${outcomes.sql})
      SELECT g_period AS period, m.column1 AS measure, NULL AS currency,
        CASE m.column1 WHEN 'visits-unscored' THEN visits - s1 - s2 - s3 - s4 - s5 WHEN 'satisfaction-1' THEN s1
          WHEN 'satisfaction-2' THEN s2 WHEN 'satisfaction-3' THEN s3 WHEN 'satisfaction-4' THEN s4 ELSE s5 END AS value
      FROM per_period, (VALUES ${outcomeMeasures.map((m) => `('${m}')`).join(', ')}) m`,
    binds: outcomes.binds,
  };
}

const periodOfInstant = (column: string, period: ReportWindow['period']) =>
  periodExpression(`date((${column} + ?4) / 1000, 'unixepoch')`, period);

/**
 * One query per measure, each returning `(period, measure, currency, value)` rows; they run as one D1
 * batch (a single round trip), since D1 caps the terms of a compound SELECT below what one UNION would need.
 */
export function socialQueries(tenantId: string, window: ReportWindow, offsetMs: number): KpiQuery[] {
  const { period } = window;
  const instantWindow = [tenantId, window.fromEndMs - 86_400_000, window.toEndMs, offsetMs];
  const dateWindow = [tenantId, window.from, window.to];
  return [
    {
      sql: `SELECT ${periodOfInstant('accepted_at', period)} AS period, 'hardship-plans' AS measure, NULL AS currency, COUNT(*) AS value
        FROM repayment_plans WHERE tenant_id = ?1 AND hardship = 1 AND accepted_at > ?2 AND accepted_at <= ?3 GROUP BY 1`,
      binds: instantWindow,
    },
    {
      sql: `SELECT ${periodOfInstant('accepted_at', period)} AS period, 'fees-waived' AS measure, currency, SUM(waived) AS value
        FROM repayment_plans WHERE tenant_id = ?1 AND waived > 0 AND accepted_at > ?2 AND accepted_at <= ?3 GROUP BY 1, 3`,
      binds: instantWindow,
    },
    {
      sql: `SELECT ${periodOfInstant('completed_at', period)} AS period, 'education-completed' AS measure, NULL AS currency, COUNT(*) AS value
        FROM lesson_assignments WHERE tenant_id = ?1 AND completed_at > ?2 AND completed_at <= ?3 GROUP BY 1`,
      binds: instantWindow,
    },
    {
      sql: `SELECT ${periodExpression('local_date', period)} AS period, 'complaints' AS measure, NULL AS currency, COUNT(*) AS value
        FROM complaints WHERE tenant_id = ?1 AND local_date BETWEEN ?2 AND ?3 GROUP BY 1`,
      binds: dateWindow,
    },
    outcomeMeasuresQuery(tenantId, window),
  ];
}
