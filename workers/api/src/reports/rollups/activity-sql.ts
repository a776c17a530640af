/**
 * Reading and rebuilding the activity rollups of migration 0034 (outcomes, agent-days, promises). Triggers
 * keep them exact on every write; the rebuild here recomputes one day of one set from the raw rows.
 *
 * A rebuild step replaces a day's rows in one batch: it takes the day's old rows back out of their week
 * and month, replaces them from the raw rows, and adds the new ones in. Each week and month row therefore
 * stays the sum of its days at every commit, whatever the triggers add concurrently.
 */
import { type GroupKey, rightPartyResults } from '@doorstep/evaluation';
import { type KpiQuery, periodExpression } from '../kpi-sql';
import { type GrainRange, grainRanges, type PeriodGrouping, unionAll } from './ranges';

export interface ActivityWindow {
  /** Local business dates, both included. */
  from: string;
  to: string;
  period: 'day' | 'week' | 'month';
}

const rightParty = `contact_result IN (${rightPartyResults.map((result) => `'${result}'`).join(', ')})`;

/** Outcome sets: region, agency and bucket together, or an agent with up to two of them (migration 0034). */
export const outcomeDims = ['rab', 'g', 'gr', 'ga', 'gb', 'gra', 'grb', 'gab'] as const;
/** Agent-day fact sets; each also feeds the same set with the agent kept (`g` + set). */
export const agentDayFactDims = ['', 'r', 'a', 'ra'] as const;

const letters = { region: 'r', agency: 'a', bucket: 'b' } as const;

function outcomeDimsFor(groupBy: readonly GroupKey[]): string {
  if (!groupBy.includes('agent')) return 'rab';
  const kept = (['region', 'agency', 'bucket'] as const).filter((key) => groupBy.includes(key));
  return `g${kept.map((key) => letters[key]).join('')}`;
}

function agentDayDimsFor(groupBy: readonly GroupKey[]): string {
  return `${groupBy.includes('agent') ? 'g' : ''}${groupBy.includes('region') ? 'r' : ''}${
    groupBy.includes('agency') ? 'a' : ''
  }`;
}

const groupColumns: Partial<Record<GroupKey, string>> = {
  region: 'region_id',
  agency: 'agency_id',
  agent: 'agent_id',
  bucket: 'bucket',
};

function columnOf(key: GroupKey): string {
  const column = groupColumns[key];
  if (!column) throw new RangeError(`activity rollups cannot be grouped by ${key}`);
  return column;
}

type RollupTable = 'outcome_rollups' | 'agent_day_rollups' | 'promise_rollups';

/**
 * The SELECT list, source rows and GROUP BY shared by the three families. Each grain range is its own
 * `UNION ALL` arm: SQLite turns one arm into one primary-key range scan, where an `OR` of ranges would scan
 * every row of the set. `first` is the first free bind; the arms share ?1 (and ?2 when `withDims`).
 */
function rollupRead(
  table: RollupTable,
  window: ActivityWindow,
  groupBy: readonly GroupKey[],
  withDims: boolean,
): { select: string; from: string; groupBy: string; binds: string[] } {
  const period: PeriodGrouping = groupBy.includes('period') ? window.period : null;
  const ranges: GrainRange[] = grainRanges(window.from, window.to, period);
  const first = withDims ? 3 : 2;
  const arms = ranges.map(
    (_, i) =>
      `SELECT * FROM ${table} WHERE tenant_id = ?1${withDims ? ' AND dims = ?2' : ''}
        AND grain = ?${first + 3 * i} AND period BETWEEN ?${first + 3 * i + 1} AND ?${first + 3 * i + 2}`,
  );
  const selected = groupBy.map((key) =>
    key === 'period'
      ? `CASE grain WHEN 'd' THEN ${periodExpression('period', window.period)} ELSE period END AS g_period`
      : `${columnOf(key)} AS g_${key}`,
  );
  return {
    select: selected.map((column) => `${column}, `).join(''),
    from: arms.length ? `(${unionAll(arms)})` : `(SELECT * FROM ${table} WHERE false)`,
    groupBy: groupBy.length ? `GROUP BY ${groupBy.map((key) => `g_${key}`).join(', ')}` : '',
    binds: ranges.flatMap((range) => [range.grain, range.from, range.to]),
  };
}

/**
 * Visits, right-party contacts, satisfaction counts and check-ins measured and flagged far per group, from
 * `outcome_rollups`.
 */
export function outcomeRollupQuery(
  tenantId: string,
  window: ActivityWindow,
  groupBy: readonly GroupKey[],
): KpiQuery {
  const read = rollupRead('outcome_rollups', window, groupBy, true);
  return {
    sql: `SELECT ${read.select}SUM(visits) AS visits, SUM(right_party) AS right_party,
        SUM(s1) AS s1, SUM(s2) AS s2, SUM(s3) AS s3, SUM(s4) AS s4, SUM(s5) AS s5,
        SUM(measured) AS measured, SUM(far) AS far
      FROM ${read.from}
      ${read.groupBy} HAVING SUM(visits) > 0`,
    binds: [tenantId, outcomeDimsFor(groupBy), ...read.binds],
  };
}

/** Agent-days and the visits made on them per group, from `agent_day_rollups`. */
export function agentDayRollupQuery(
  tenantId: string,
  window: ActivityWindow,
  groupBy: readonly GroupKey[],
): KpiQuery {
  const read = rollupRead('agent_day_rollups', window, groupBy, true);
  return {
    sql: `SELECT ${read.select}SUM(agent_days) AS agent_days, SUM(visits) AS agent_visits
      FROM ${read.from}
      ${read.groupBy} HAVING SUM(agent_days) > 0`,
    binds: [tenantId, agentDayDimsFor(groupBy), ...read.binds],
  };
}

/** Promises due (not cancelled) and kept per group, by promised date, from `promise_rollups`. */
export function promiseRollupQuery(
  tenantId: string,
  window: ActivityWindow,
  groupBy: readonly GroupKey[],
): KpiQuery {
  const read = rollupRead('promise_rollups', window, groupBy, false);
  return {
    sql: `SELECT ${read.select}SUM(due) AS promises_due, SUM(kept) AS promises_kept
      FROM ${read.from}
      ${read.groupBy} HAVING SUM(due) > 0`,
    binds: [tenantId, ...read.binds],
  };
}

/** The steps that rebuild one day: one per outcome set, one per agent-day fact set, one for promises. */
export const activityStepsPerDay = outcomeDims.length + agentDayFactDims.length + 1;

const kept = (dims: string, letter: string, expression: string) =>
  `CASE WHEN instr(${dims}, '${letter}') THEN ${expression} ELSE '*' END`;

/** Each table's key columns before and after `(grain, period)`, and its summed measures. */
const tables: Record<RollupTable, { before: string[]; after: string[]; measures: string[] }> = {
  outcome_rollups: {
    before: ['tenant_id', 'dims'],
    after: ['region_id', 'agency_id', 'agent_id', 'bucket'],
    measures: ['visits', 'right_party', 's1', 's2', 's3', 's4', 's5', 'measured', 'far'],
  },
  agent_day_rollups: {
    before: ['tenant_id', 'dims'],
    after: ['region_id', 'agency_id', 'agent_id'],
    measures: ['agent_days', 'visits'],
  },
  promise_rollups: {
    before: ['tenant_id'],
    after: ['region_id', 'agency_id', 'bucket'],
    measures: ['due', 'kept'],
  },
};

/**
 * Adds a day's rows of some sets to (sign +1) or takes them out of (−1) their week and month rows, one
 * statement per grain (each upserts as many rows as the day has). `days` narrows the day rows to the sets
 * being rebuilt; binds are ?1 tenant, ?2 day.
 */
function foldDay(table: RollupTable, days: string, sign: 1 | -1): string[] {
  const { before, after, measures } = tables[table];
  const minus = sign === 1 ? '' : '-';
  return (['w', 'm'] as const).map(
    (grain) => `INSERT INTO ${table} (${[...before, 'grain', 'period', ...after, ...measures].join(', ')})
    SELECT ${before.join(', ')}, '${grain}', ${grain === 'w' ? "strftime('%Y-W%W', period)" : 'substr(period, 1, 7)'},
      ${[...after, ...measures.map((m) => `${minus}${m}`)].join(', ')}
    FROM ${table}
    WHERE tenant_id = ?1 AND grain = 'd' AND period = ?2 AND ${days}
    ON CONFLICT (${[...before, 'grain', 'period', ...after].join(', ')}) DO UPDATE SET
      ${measures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')}`,
  );
}

/** Week and month rows a day's rebuild left at zero, deleted so reads stay short (one range scan each). */
function dropEmpty(table: RollupTable, days: string, measure: string): string[] {
  return [
    `DELETE FROM ${table} WHERE tenant_id = ?1 AND ${days} AND grain = 'w' AND period = strftime('%Y-W%W', ?2) AND ${measure} = 0`,
    `DELETE FROM ${table} WHERE tenant_id = ?1 AND ${days} AND grain = 'm' AND period = substr(?2, 1, 7) AND ${measure} = 0`,
  ];
}

/** The statements of rebuild step `step` (0 … activityStepsPerDay − 1) for one tenant and day. */
export function activityRebuildStep(tenantId: string, day: string, step: number): KpiQuery[] {
  const binds = [tenantId, day];
  if (step < outcomeDims.length) {
    const dims = outcomeDims[step]!;
    const set = `dims = '${dims}'`;
    return [
      ...foldDay('outcome_rollups', set, -1),
      `DELETE FROM outcome_rollups WHERE tenant_id = ?1 AND ${set} AND grain = 'd' AND period = ?2`,
      `INSERT INTO outcome_rollups (tenant_id, dims, grain, period, region_id, agency_id, agent_id, bucket,
          visits, right_party, s1, s2, s3, s4, s5, measured, far)
        SELECT tenant_id, '${dims}', 'd', local_date, ${kept(`'${dims}'`, 'r', "COALESCE(region_id, '(none)')")},
          ${kept(`'${dims}'`, 'a', "COALESCE(agency_id, '(none)')")}, ${kept(`'${dims}'`, 'g', "COALESCE(agent_id, '(none)')")},
          ${kept(`'${dims}'`, 'b', 'bucket')}, COUNT(*), SUM(${rightParty}), SUM(satisfaction IS 1),
          SUM(satisfaction IS 2), SUM(satisfaction IS 3), SUM(satisfaction IS 4), SUM(satisfaction IS 5),
          SUM(check_in_far IS NOT NULL), SUM(check_in_far IS 1)
        FROM visit_outcomes WHERE tenant_id = ?1 AND local_date = ?2
        GROUP BY 5, 6, 7, 8`,
      ...foldDay('outcome_rollups', set, 1),
      ...dropEmpty('outcome_rollups', set, 'visits'),
    ].map((sql) => ({ sql, binds }));
  }
  const factStep = step - outcomeDims.length;
  if (factStep < agentDayFactDims.length) {
    const dims = agentDayFactDims[factStep]!;
    const sets = `dims IN ('${dims}', 'g${dims}')`;
    return [
      ...foldDay('agent_day_rollups', sets, -1),
      `DELETE FROM agent_day_rollups WHERE tenant_id = ?1 AND ${sets} AND grain = 'd' AND period = ?2`,
      `DELETE FROM agent_day_facts WHERE tenant_id = ?1 AND dims = '${dims}' AND local_date = ?2`,
      `INSERT INTO agent_day_facts (tenant_id, dims, local_date, agent_id, region_id, agency_id, visits)
        SELECT tenant_id, '${dims}', local_date, agent_id, ${kept(`'${dims}'`, 'r', "COALESCE(region_id, '(none)')")},
          ${kept(`'${dims}'`, 'a', "COALESCE(agency_id, '(none)')")}, COUNT(*)
        FROM visit_outcomes WHERE tenant_id = ?1 AND local_date = ?2 AND agent_id IS NOT NULL
        GROUP BY 4, 5, 6`,
      // One fact row is one agent-day of its group; without the agent kept, they are counted per group.
      `INSERT INTO agent_day_rollups (tenant_id, dims, grain, period, region_id, agency_id, agent_id, agent_days, visits)
        SELECT tenant_id, 'g${dims}', 'd', local_date, region_id, agency_id, agent_id, 1, visits
        FROM agent_day_facts WHERE tenant_id = ?1 AND dims = '${dims}' AND local_date = ?2
        UNION ALL
        SELECT tenant_id, '${dims}', 'd', local_date, region_id, agency_id, '*', COUNT(*), SUM(visits)
        FROM agent_day_facts WHERE tenant_id = ?1 AND dims = '${dims}' AND local_date = ?2
        GROUP BY region_id, agency_id`,
      ...foldDay('agent_day_rollups', sets, 1),
      ...dropEmpty('agent_day_rollups', sets, 'agent_days'),
    ].map((sql) => ({ sql, binds }));
  }
  if (factStep === agentDayFactDims.length) {
    return [
      ...foldDay('promise_rollups', 'true', -1),
      `DELETE FROM promise_rollups WHERE tenant_id = ?1 AND grain = 'd' AND period = ?2`,
      // Promises from before the triggers have no frozen group yet: their case's current one is the best left.
      `INSERT INTO promise_report_facts (tenant_id, promise_id, due_date, region_id, agency_id, bucket)
        SELECT p.tenant_id, p.id, p.promised_date, COALESCE(k.region_id, '(none)'), COALESCE(k.agency_id, '(none)'), k.bucket
        FROM promises p JOIN cases k ON k.id = p.case_id AND k.tenant_id = p.tenant_id
        WHERE p.tenant_id = ?1 AND p.promised_date = ?2
        ON CONFLICT DO NOTHING`,
      `INSERT INTO promise_rollups (tenant_id, grain, period, region_id, agency_id, bucket, due, kept)
        SELECT f.tenant_id, 'd', f.due_date, f.region_id, f.agency_id, f.bucket,
          SUM(p.status <> 'cancelled'), SUM(p.status = 'kept')
        FROM promise_report_facts f JOIN promises p ON p.id = f.promise_id
        WHERE f.tenant_id = ?1 AND f.due_date = ?2
        GROUP BY 4, 5, 6`,
      ...foldDay('promise_rollups', 'true', 1),
      ...dropEmpty('promise_rollups', 'true', 'due'),
    ].map((sql) => ({ sql, binds }));
  }
  throw new RangeError(`no activity rebuild step ${step}`);
}
