/**
 * The effect report's rollup (migration 0035), built per tenant, experiment and month end E by a chunked
 * job over the experiment's assignments (`experiment_assignments` primary key, then `cases`,
 * `payments_case_idx` and `promises_case_idx` per case). Per arm: eligible cases and those cured by E
 * (grain `s`), then per local day and month of (E, E+12 months] the cures, the recovered amounts as n, Σx
 * and Σx² increments, and the promises due and kept by promised date. A window starts on E and promises
 * count from their due date on, so those due on E itself are E's (grain `s`). Σx² is kept
 * exact by adding, for each case's payments in date order, the change in the square of its running total:
 * (t)² − (t − a)². A window (E, D] sums the `s` rows and the day and month rows up to D.
 */
import type { KpiQuery } from '../kpi-sql';
import { localDateSql, type OffsetSegment } from '../local-date-sql';
import { runRowsAfter } from './ranges';

export interface EffectChunk {
  tenantId: string;
  runId: string;
  experimentId: string;
  /** E, and the last day of the horizon (promises count by their promised local date). */
  monthEnd: string;
  horizonEnd: string;
  afterMonthEndMs: number;
  afterHorizonMs: number;
  /** Cases with ids in (afterCaseId, throughCaseId]; no upper bound when `throughCaseId` is null. */
  afterCaseId: string;
  throughCaseId: string | null;
  segments: readonly OffsetSegment[];
}

export function effectChunkStatement(chunk: EffectChunk): KpiQuery {
  const paidOn = localDateSql('p.paid_at', chunk.segments);
  const curedOn = localDateSql('ended_at', chunk.segments);
  return {
    sql: `WITH members AS MATERIALIZED (
        SELECT a.case_id, a.arm, k.status = 'cured' AS cured, k.ended_at
        FROM experiment_assignments a JOIN cases k ON k.id = a.case_id
        WHERE a.tenant_id = ?1 AND a.experiment_id = ?2 AND a.case_id > ?3${chunk.throughCaseId === null ? '' : ' AND a.case_id <= ?4'}
          AND a.eligible = 1
      ),
      paid AS (
        SELECT p.case_id, ${paidOn} AS day, SUM(p.amount) AS amount
        FROM members m CROSS JOIN payments p
          ON p.tenant_id = ?1 AND p.case_id = m.case_id AND p.paid_at >= ?5 AND p.paid_at < ?6
        GROUP BY 1, 2
      ),
      promised AS (
        SELECT m.case_id, p.promised_date AS day, SUM(p.status <> 'cancelled') AS due, SUM(p.status = 'kept') AS kept
        FROM members m CROSS JOIN promises p
          ON p.tenant_id = ?1 AND p.case_id = m.case_id AND p.promised_date >= ?8 AND p.promised_date <= ?9
        GROUP BY 1, 2
      ),
      events (case_id, day, cured, amount, squares, due, kept) AS (
        SELECT case_id, ${curedOn}, 1, 0, 0, 0, 0 FROM members WHERE cured AND ended_at >= ?5 AND ended_at < ?6
        UNION ALL
        SELECT case_id, day, 0, amount, total * total - (total - amount) * (total - amount), 0, 0
        FROM (SELECT case_id, day, amount, SUM(amount) OVER (PARTITION BY case_id ORDER BY day) AS total FROM paid)
        UNION ALL
        SELECT case_id, day, 0, 0, 0, due, kept FROM promised WHERE day > ?8
      ),
      contributions AS (
        SELECT arm, 's' AS grain, '' AS period, 1 AS cases, COALESCE(cured AND ended_at < ?5, 0) AS cured, 0 AS amount,
          0 AS squares, 0 AS due, 0 AS kept
        FROM members
        UNION ALL
        SELECT m.arm, 's', '', 0, 0, 0, 0, p.due, p.kept FROM promised p JOIN members m USING (case_id) WHERE p.day = ?8
        UNION ALL
        SELECT m.arm, g.column1, CASE g.column1 WHEN 'd' THEN e.day ELSE substr(e.day, 1, 7) END, 0, e.cured,
          e.amount, e.squares, e.due, e.kept
        FROM events e JOIN members m USING (case_id), (VALUES ('d'), ('m')) g
      )
      INSERT INTO effect_rollups (run_id, grain, period, arm, cases, cured, recovered_sum, recovered_sum_of_squares,
        promises_due, promises_kept)
      SELECT ?7, grain, period, arm, SUM(cases), SUM(cured), SUM(amount), SUM(squares), SUM(due), SUM(kept)
      FROM contributions WHERE true
      GROUP BY grain, period, arm
      ON CONFLICT (run_id, grain, period, arm) DO UPDATE SET cases = cases + excluded.cases,
        cured = cured + excluded.cured, recovered_sum = recovered_sum + excluded.recovered_sum,
        recovered_sum_of_squares = recovered_sum_of_squares + excluded.recovered_sum_of_squares,
        promises_due = promises_due + excluded.promises_due, promises_kept = promises_kept + excluded.promises_kept`,
    binds: [
      chunk.tenantId,
      chunk.experimentId,
      chunk.afterCaseId,
      chunk.throughCaseId,
      chunk.afterMonthEndMs,
      chunk.afterHorizonMs,
      chunk.runId,
      chunk.monthEnd,
      chunk.horizonEnd,
    ],
  };
}

/** Per arm over (E, to]: the same row shape the effect report has always read. */
export function effectRollupQuery(runId: string, monthEnd: string, to: string): KpiQuery {
  const rows = runRowsAfter('effect_rollups', monthEnd, to, 2);
  return {
    sql: `SELECT arm, SUM(cases) AS cases, SUM(cured) AS cured, SUM(recovered_sum) AS recovered_sum,
        SUM(recovered_sum_of_squares) AS recovered_sum_of_squares, SUM(promises_due) AS promises_due,
        SUM(promises_kept) AS promises_kept
      FROM ${rows.from}
      GROUP BY arm`,
    binds: [runId, ...rows.binds],
  };
}
