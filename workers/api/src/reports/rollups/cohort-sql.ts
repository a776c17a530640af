/**
 * The cohort rollups of migration 0035, built per tenant and month end E by a chunked job and read by the
 * cohort, overdue-rate and roll-rate reports.
 *
 * A chunk is a range of the tenant's accounts (by external ref, through `accounts_tenant_ref_uq`); every
 * lookup per account is an index seek (`snapshots_as_of_idx`, `snapshots_cured_idx`, `payments_account_idx`,
 * `cases_account_idx`, `outcomes_case_idx`), so a chunk's statements cost the same whatever the tenant's size.
 * `CROSS JOIN` pins the chunk's accounts as the outer loop: SQLite cannot know a materialized CTE is small,
 * and would otherwise walk all the tenant's payments, outcomes or snapshots and probe the chunk.
 *
 * - `cohort_rollups`: the accounts delinquent at the end of E (not closed now) with their region, agency,
 *   bucket at E and currency: counts and arrears at E (grain `s`), then per local day and month of (E, E+12
 *   months] their first cure, recovered arrears (payments capped at the arrears at E, in date order), visits
 *   and cured-and-visited accounts (`d`, `m`). Any window (E, D] is the `s` rows plus the day and month rows
 *   up to D.
 * - `portfolio_rollups`: every open account's state at E (day '') and the change each effective snapshot in
 *   (E, next month end] makes to it; the state on D is the sum of rows dated up to D.
 * - `roll_rollups`: the cohort's buckets at E against their buckets on every day to the next month end (`s`
 *   plus day changes `d`) and at each of the twelve month ends after E (`e`).
 */
import type { GroupKey } from '@doorstep/evaluation';
import type { KpiQuery } from '../kpi-sql';
import { localDateSql, type OffsetSegment } from '../local-date-sql';
import { bucketSql } from './bucket-sql';
import { runRowsAfter } from './ranges';

/** Months after E that cohort outcomes, roll-rate month ends and effect reports reach. */
export const HORIZON_MONTHS = 12;

export interface CohortChunk {
  tenantId: string;
  runId: string;
  /** E, a month end: the cohort is fixed at the end of this local date. */
  monthEnd: string;
  /** The twelve month ends after E, nearest first. */
  monthEnds: readonly string[];
  /** Start of the local day after E, and after the horizon's last day. */
  afterMonthEndMs: number;
  afterHorizonMs: number;
  /** Accounts with external refs in (afterRef, throughRef]; no upper bound when `throughRef` is null. */
  afterRef: string;
  throughRef: string | null;
  segments: readonly OffsetSegment[];
}

const binds = (chunk: CohortChunk) => [
  chunk.tenantId,
  chunk.monthEnd,
  chunk.monthEnds[0]!,
  chunk.monthEnds[chunk.monthEnds.length - 1]!,
  chunk.afterMonthEndMs,
  chunk.afterHorizonMs,
  chunk.afterRef,
  chunk.throughRef,
  chunk.runId,
];

/**
 * The chunk's accounts with the region and agency they are reported under, and the state of each at the
 * end of E: its latest snapshot on or before E, by (as_of, sequence). ?1 tenant, ?2 E, ?7/?8 the ref range;
 * the last chunk has no upper bound, and says so in the SQL rather than with `?8 IS NULL OR …`, which would
 * make SQLite walk every account after the chunk.
 */
const chunkAccounts = (chunk: CohortChunk) => `chunk AS MATERIALIZED (
    SELECT a.id AS account_id, a.status AS account_status, COALESCE(cu.region_id, '(none)') AS region_id,
      COALESCE((SELECT agency_id FROM (SELECT k.agency_id, MAX(k.opened_at) FROM cases k
        WHERE k.tenant_id = ?1 AND k.account_id = a.id)), '(none)') AS agency_id
    FROM accounts a LEFT JOIN customers cu ON cu.id = a.customer_id
    WHERE a.tenant_id = ?1 AND a.external_ref > ?7${chunk.throughRef === null ? '' : ' AND a.external_ref <= ?8'}
  ),
  start AS MATERIALIZED (
    SELECT chunk.*, s.dpd, s.overdue_principal + s.overdue_interest + s.overdue_fees AS overdue,
      s.outstanding_balance AS outstanding, s.currency
    FROM chunk JOIN delinquency_snapshots s ON s.rowid = (
      SELECT x.rowid FROM delinquency_snapshots x
      WHERE x.tenant_id = ?1 AND x.account_id = chunk.account_id AND x.as_of <= ?2
      ORDER BY x.as_of DESC, x.sequence DESC LIMIT 1)
  )`;

/**
 * Each account's state at E (from `atMonthEnd`) followed by every snapshot that decides a day in (E, ?3]:
 * the one with the highest sequence of its date, for the accounts in `followed` (which may have had no
 * snapshot yet at E).
 */
const statesAndMoves = (atMonthEnd: string, followed: string) => `states AS (
    SELECT account_id, '' AS day, dpd, outstanding, currency FROM ${atMonthEnd}
    UNION ALL
    SELECT x.account_id, x.as_of, x.dpd, x.outstanding_balance, x.currency
    FROM ${followed} a CROSS JOIN delinquency_snapshots x
      ON x.tenant_id = ?1 AND x.account_id = a.account_id AND x.as_of > ?2 AND x.as_of <= ?3
    WHERE NOT EXISTS (SELECT 1 FROM delinquency_snapshots y WHERE y.tenant_id = ?1 AND y.account_id = x.account_id
      AND y.as_of = x.as_of AND y.sequence > x.sequence)
  ),
  moves AS MATERIALIZED (
    SELECT account_id, day, dpd, outstanding, currency, ${bucketSql('dpd')} AS bucket,
      LAG(dpd) OVER w AS was_dpd, LAG(outstanding) OVER w AS was_outstanding, LAG(currency) OVER w AS was_currency
    FROM states WINDOW w AS (PARTITION BY account_id ORDER BY day)
  )`;

/** Cure, recovery, cost per cured case: the cohort at E and what happened to it, per day and month. */
export function cohortChunkStatement(chunk: CohortChunk): KpiQuery {
  const paidOn = localDateSql('p.paid_at', chunk.segments);
  return {
    sql: `WITH ${chunkAccounts(chunk)},
      cohort AS MATERIALIZED (
        SELECT account_id, region_id, agency_id, currency, overdue, ${bucketSql('dpd')} AS bucket,
          (SELECT MIN(x.as_of) FROM delinquency_snapshots x WHERE x.tenant_id = ?1 AND x.account_id = start.account_id
            AND x.dpd = 0 AND x.as_of > ?2 AND x.as_of <= ?4) AS cured_on,
          (SELECT MIN(o.local_date) FROM cases k JOIN visit_outcomes o
              ON o.tenant_id = ?1 AND o.case_id = k.id AND o.local_date > ?2 AND o.local_date <= ?4
            WHERE k.tenant_id = ?1 AND k.account_id = start.account_id) AS visited_on
        FROM start WHERE dpd > 0 AND account_status <> 'closed'
      ),
      paid AS (
        SELECT p.account_id, ${paidOn} AS day, SUM(p.amount) AS amount
        FROM cohort CROSS JOIN payments p ON p.tenant_id = ?1 AND p.account_id = cohort.account_id
          AND p.paid_at >= ?5 AND p.paid_at < ?6
        GROUP BY 1, 2
      ),
      collected AS (
        SELECT account_id, day, MIN(overdue, running) - MIN(overdue, running - amount) AS amount
        FROM (SELECT account_id, day, amount, SUM(amount) OVER (PARTITION BY account_id ORDER BY day) AS running FROM paid)
        JOIN cohort USING (account_id)
      ),
      visited AS (
        SELECT cohort.account_id, o.local_date AS day, COUNT(*) AS visits
        FROM cohort CROSS JOIN cases k ON k.tenant_id = ?1 AND k.account_id = cohort.account_id
        CROSS JOIN visit_outcomes o ON o.tenant_id = ?1 AND o.case_id = k.id AND o.local_date > ?2 AND o.local_date <= ?4
        GROUP BY 1, 2
      ),
      events (account_id, day, cured, collected, visits, cured_visited) AS (
        SELECT account_id, cured_on, 1, 0, 0, 0 FROM cohort WHERE cured_on IS NOT NULL
        UNION ALL SELECT account_id, day, 0, amount, 0, 0 FROM collected WHERE amount > 0
        UNION ALL SELECT account_id, day, 0, 0, visits, 0 FROM visited
        UNION ALL SELECT account_id, MAX(cured_on, visited_on), 0, 0, 0, 1 FROM cohort
          WHERE cured_on IS NOT NULL AND visited_on IS NOT NULL
      ),
      contributions AS (
        SELECT 's' AS grain, '' AS period, region_id, agency_id, bucket, currency, 1 AS delinquent, overdue,
          0 AS cured, 0 AS collected, 0 AS visits, 0 AS cured_visited
        FROM cohort
        UNION ALL
        SELECT g.column1, CASE g.column1 WHEN 'd' THEN e.day ELSE substr(e.day, 1, 7) END, c.region_id, c.agency_id,
          c.bucket, c.currency, 0, 0, e.cured, e.collected, e.visits, e.cured_visited
        FROM events e JOIN cohort c USING (account_id), (VALUES ('d'), ('m')) g
      )
      INSERT INTO cohort_rollups (run_id, grain, period, region_id, agency_id, bucket, currency,
        delinquent, overdue, cured, collected, visits, cured_visited)
      SELECT ?9, grain, period, region_id, agency_id, bucket, currency, SUM(delinquent), SUM(overdue), SUM(cured),
        SUM(collected), SUM(visits), SUM(cured_visited)
      FROM contributions WHERE true
      GROUP BY grain, period, region_id, agency_id, bucket, currency
      ON CONFLICT (run_id, grain, period, region_id, agency_id, bucket, currency) DO UPDATE SET
        delinquent = delinquent + excluded.delinquent, overdue = overdue + excluded.overdue,
        cured = cured + excluded.cured, collected = collected + excluded.collected,
        visits = visits + excluded.visits, cured_visited = cured_visited + excluded.cured_visited`,
    binds: binds(chunk),
  };
}

/** Overdue rates: every open account at E, and what each snapshot to the next month end changed. */
export function portfolioChunkStatement(chunk: CohortChunk): KpiQuery {
  return {
    sql: `WITH ${chunkAccounts(chunk)},
      open_at_end AS (SELECT * FROM start WHERE account_status <> 'closed'),
      open_accounts AS (SELECT account_id FROM chunk WHERE account_status <> 'closed'),
      ${statesAndMoves('open_at_end', 'open_accounts')},
      contributions AS (
        SELECT m.day, c.region_id, c.agency_id, m.bucket, m.currency, 1 AS accounts, m.dpd > 0 AS overdue_accounts,
          m.outstanding, CASE WHEN m.dpd > 0 THEN m.outstanding ELSE 0 END AS overdue_outstanding
        FROM moves m JOIN chunk c USING (account_id)
        UNION ALL
        SELECT m.day, c.region_id, c.agency_id, ${bucketSql('m.was_dpd')}, m.was_currency, -1, -(m.was_dpd > 0),
          -m.was_outstanding, -(CASE WHEN m.was_dpd > 0 THEN m.was_outstanding ELSE 0 END)
        FROM moves m JOIN chunk c USING (account_id) WHERE m.was_dpd IS NOT NULL
      )
      INSERT INTO portfolio_rollups (run_id, day, region_id, agency_id, bucket, currency,
        accounts, overdue_accounts, outstanding, overdue_outstanding)
      SELECT ?9, day, region_id, agency_id, bucket, currency, SUM(accounts), SUM(overdue_accounts), SUM(outstanding),
        SUM(overdue_outstanding)
      FROM contributions WHERE true
      GROUP BY day, region_id, agency_id, bucket, currency
      ON CONFLICT (run_id, day, region_id, agency_id, bucket, currency) DO UPDATE SET
        accounts = accounts + excluded.accounts, overdue_accounts = overdue_accounts + excluded.overdue_accounts,
        outstanding = outstanding + excluded.outstanding,
        overdue_outstanding = overdue_outstanding + excluded.overdue_outstanding`,
    binds: binds(chunk),
  };
}

/** Roll rates: the cohort's bucket at E against its bucket on each later day to E+1 and at each month end. */
export function rollChunkStatement(chunk: CohortChunk): KpiQuery {
  const ends = chunk.monthEnds.map((_, i) => `(?${10 + i})`).join(', ');
  return {
    sql: `WITH ${chunkAccounts(chunk)},
      cohort AS MATERIALIZED (
        SELECT account_id, dpd, outstanding, currency, ${bucketSql('dpd')} AS from_bucket
        FROM start WHERE dpd > 0 AND account_status <> 'closed'
      ),
      ${statesAndMoves('cohort', 'cohort')},
      at_month_ends AS MATERIALIZED (
        SELECT c.account_id, c.from_bucket, e.column1 AS end_date,
          (SELECT x.dpd FROM delinquency_snapshots x WHERE x.tenant_id = ?1 AND x.account_id = c.account_id
            AND x.as_of <= e.column1 ORDER BY x.as_of DESC, x.sequence DESC LIMIT 1) AS dpd
        FROM cohort c, (VALUES ${ends}) e
      ),
      contributions AS (
        SELECT 's' AS grain, '' AS period, from_bucket, from_bucket AS to_bucket, 1 AS accounts FROM cohort
        UNION ALL
        SELECT 'd', m.day, c.from_bucket, m.bucket, 1
        FROM moves m JOIN cohort c USING (account_id) WHERE m.day <> '' AND m.bucket <> ${bucketSql('m.was_dpd')}
        UNION ALL
        SELECT 'd', m.day, c.from_bucket, ${bucketSql('m.was_dpd')}, -1
        FROM moves m JOIN cohort c USING (account_id) WHERE m.day <> '' AND m.bucket <> ${bucketSql('m.was_dpd')}
        UNION ALL
        SELECT 'e', end_date, from_bucket, ${bucketSql('dpd')}, 1 FROM at_month_ends
      )
      INSERT INTO roll_rollups (run_id, grain, period, from_bucket, to_bucket, accounts)
      SELECT ?9, grain, period, from_bucket, to_bucket, SUM(accounts)
      FROM contributions WHERE true
      GROUP BY grain, period, from_bucket, to_bucket
      ON CONFLICT (run_id, grain, period, from_bucket, to_bucket) DO UPDATE SET accounts = accounts + excluded.accounts`,
    binds: [...binds(chunk), ...chunk.monthEnds],
  };
}

const cohortGroupColumns: Partial<Record<GroupKey, string>> = {
  region: 'region_id',
  agency: 'agency_id',
  bucket: 'bucket',
};

function groupSelect(
  groupBy: readonly GroupKey[],
  columns: Partial<Record<GroupKey, string>>,
  byCurrency: boolean,
) {
  const selected = groupBy.map((key) => {
    const column = columns[key];
    if (!column) throw new RangeError(`cannot group by ${key}`);
    return `${column} AS g_${key}`;
  });
  const keys = [...groupBy.map((key) => `g_${key}`), ...(byCurrency ? ['currency'] : [])];
  return {
    select: [...selected, ...(byCurrency ? ['currency'] : [])].map((column) => `${column}, `).join(''),
    groupBy: keys.length ? `GROUP BY ${keys.join(', ')}` : '',
  };
}

/**
 * The cohort of E over (E, to]: its start rows, whole months and the days of a last partial month. Amounts
 * are summed per currency (`byCurrency`), counts across currencies.
 */
export function cohortRollupQuery(
  runId: string,
  monthEnd: string,
  to: string,
  groupBy: readonly GroupKey[],
  costPerVisitMinor: number,
  byCurrency: boolean,
): KpiQuery {
  const group = groupSelect(groupBy, cohortGroupColumns, byCurrency);
  const rows = runRowsAfter('cohort_rollups', monthEnd, to, 3);
  return {
    sql: `SELECT ${group.select}SUM(delinquent) AS delinquent_at_start, SUM(overdue) AS overdue_at_start,
        SUM(cured) AS cured, SUM(collected) AS collected, SUM(visits) * ?2 AS cost, SUM(cured_visited) AS cured_visited
      FROM ${rows.from}
      ${group.groupBy}`,
    binds: [runId, costPerVisitMinor, ...rows.binds],
  };
}

/** Open accounts on `day` (E ≤ day ≤ the next month end): the state at E plus the changes since. */
export function portfolioRollupQuery(
  runId: string,
  day: string,
  groupBy: readonly GroupKey[],
  byCurrency: boolean,
): KpiQuery {
  const group = groupSelect(groupBy, cohortGroupColumns, byCurrency);
  return {
    sql: `SELECT ${group.select}SUM(accounts) AS accounts, SUM(overdue_accounts) AS overdue_accounts,
        SUM(outstanding) AS outstanding, SUM(overdue_outstanding) AS overdue_outstanding
      FROM portfolio_rollups WHERE run_id = ?1 AND day <= ?2
      ${group.groupBy} HAVING SUM(accounts) > 0`,
    binds: [runId, day],
  };
}

/** Bucket at E against bucket on `to`: a month end of the horizon, or a day up to the next month end. */
export function rollRollupQuery(runId: string, to: string, atMonthEnd: boolean): KpiQuery {
  return {
    sql: `SELECT from_bucket, to_bucket, SUM(accounts) AS accounts FROM roll_rollups
      WHERE run_id = ?1 AND ${atMonthEnd ? `grain = 'e' AND period = ?2` : `(grain = 's' OR (grain = 'd' AND period <= ?2))`}
      GROUP BY from_bucket, to_bucket HAVING SUM(accounts) > 0`,
    binds: [runId, to],
  };
}
