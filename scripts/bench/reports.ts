/**
 * `pnpm bench:reports`: every KPI report, the social summary and the effect report over 1,000,000 visit
 * outcomes and 200,000 cases in local D1, read from rollups; the rebuild of those rollups from the raw rows;
 * and the cost of keeping them on every write.
 *
 * Builds a throwaway local D1 (migrations applied by `wrangler d1 migrations apply`), bulk-loads a
 * synthetic portfolio into wrangler's SQLite file with the rollup triggers off, then drives the worker's
 * own code against workerd's D1 through `getPlatformProxy`: the rebuild job run by run and step by step (as
 * the queue would), a thousand outcome and promise writes with and without the triggers, and each report
 * `--repeat` times. Every statement's D1 `duration` is recorded; a report's figure is the sum over its
 * statements (median of the repeats), and `maxStatementMs` is the longest statement of the whole bench.
 *
 * Options: --visits N (default 1000000), --cases N (default 200000), --repeat N (default 3),
 * --upkeep N (writes per upkeep measurement, default 1000), --keep (leave the database for study).
 */
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { seededRandom } from '@doorstep/testkit';
import { getPlatformProxy } from 'wrangler';
import { type KpiReportRequest, kpiReport } from '../../workers/api/src/reports/kpi-report';
import type { ReportWindow } from '../../workers/api/src/reports/kpi-sql';
import { effectRollupQuery } from '../../workers/api/src/reports/rollups/effect-sql';
import { type RollupKind, runToCompletion, startRollupRun } from '../../workers/api/src/reports/rollups/runs';
import { builtRollups } from '../../workers/api/src/reports/rollups/source';
import { socialReport } from '../../workers/api/src/reports/social-report';
import { createLocalD1 } from './local-d1';
import { recordingD1, type StatementTiming } from './recording-d1';
import {
  dayMs,
  experimentId,
  loadBenchPortfolio,
  localDate,
  regions,
  shanghaiMidnight,
  tenantId,
} from './reports-portfolio';

const { values } = parseArgs({
  options: {
    visits: { type: 'string', default: '1000000' },
    cases: { type: 'string', default: '200000' },
    repeat: { type: 'string', default: '3' },
    upkeep: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
  },
});
const visitCount = Number(values.visits);
const caseCount = Number(values.cases);
const repeat = Number(values.repeat);
const upkeepWrites = Number(values.upkeep);

const localD1 = createLocalD1('reports');

const loadStarted = performance.now();
loadBenchPortfolio(localD1.sqliteFile, caseCount, visitCount);
console.log(
  `Loaded ${caseCount} cases and ${visitCount} visit outcomes in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
);

const proxy = await getPlatformProxy<Env>({
  configPath: new URL('../../workers/api/wrangler.jsonc', import.meta.url).pathname,
  persist: { path: `${localD1.persistTo}/v3` },
  remoteBindings: false,
});
const statements: StatementTiming[] = [];
const d1 = recordingD1(proxy.env.DB, statements);
const sum = (timings: readonly StatementTiming[]) => timings.reduce((total, t) => total + t.ms, 0);
const round = (ms: number) => Number(ms.toFixed(1));

/** Runs `work` and returns the statements it issued. */
async function measured(work: () => Promise<unknown>): Promise<StatementTiming[]> {
  const first = statements.length;
  await work();
  return statements.slice(first);
}

// --- The rebuild: every rollup of the tenant from the raw rows, run by run, as the queue would drive it.
const activityMonths = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const monthEnds = ['2026-08-31', '2026-09-30', '2026-10-31'];
const rebuilds: {
  kind: RollupKind;
  subject: string;
  period: string;
  steps: number;
  d1Ms: number;
  maxStatementMs: number;
  wallMs: number;
}[] = [];
async function rebuild(kind: RollupKind, subject: string, period: string) {
  let steps = 0;
  const started = performance.now();
  const timings = await measured(async () => {
    const runId = await startRollupRun(
      d1,
      { tenantId, kind, subject, period, reason: 'rebuild' },
      `rlr_bench_${rebuilds.length}`,
      Date.now(),
    );
    if (!runId) throw new Error(`a ${kind} run for ${period} is already under way`);
    await runToCompletion(d1, runId, Date.now, { onStep: () => (steps += 1) });
  });
  const entry = {
    kind,
    subject,
    period,
    steps,
    d1Ms: round(sum(timings)),
    maxStatementMs: round(Math.max(...timings.map((t) => t.ms))),
    wallMs: Math.round(performance.now() - started),
  };
  rebuilds.push(entry);
  console.log(
    `rebuilt ${kind} ${period}: ${steps} steps, ${entry.d1Ms} ms of D1 time, slowest statement ${entry.maxStatementMs} ms`,
  );
}
const rebuildStatements = await measured(async () => {
  for (const month of activityMonths) await rebuild('activity', '', month);
  for (const monthEnd of monthEnds) {
    await rebuild('cohort', '', monthEnd);
    await rebuild('effect', experimentId, monthEnd);
  }
});
const rollupRebuildMs = round(sum(rebuildStatements));
const slowestRebuild = [...rebuildStatements].sort((a, b) => b.ms - a.ms)[0]!;
console.log(`Rollup rebuild: ${rollupRebuildMs} ms of D1 time over ${rebuildStatements.length} statements`);

// --- Upkeep: the same writes with the rollup triggers and without them.
const random = seededRandom(11).next;
const triggerSql = (
  await proxy.env.DB.prepare(
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%rollup%'`,
  ).all<{ name: string; sql: string }>()
).results;
async function upkeepRound(label: string) {
  const outcomeInserts: StatementTiming[] = [];
  const promiseWrites: StatementTiming[] = [];
  for (let i = 0; i < upkeepWrites; i++) {
    const caseNo = String(Math.floor(random() * caseCount)).padStart(7, '0');
    const day = localDate(shanghaiMidnight('2026-05-01') + Math.floor(random() * 184) * dayMs);
    outcomeInserts.push(
      ...(await measured(() =>
        d1
          .prepare(
            `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, agent_id, contact_result, local_date, region_id, agency_id, bucket, checklist, satisfaction, recorded_at)
             VALUES (?, ?, ?, ?, 'customer_met', ?, ?, 'agy_inhouse', 'M2', '{}', 4, 0)`,
          )
          .bind(
            `vis_${label}${i}`,
            tenantId,
            `case_${caseNo}`,
            `agt_${i % 200}`,
            day,
            regions[i % regions.length]!,
          )
          .run(),
      )),
    );
    promiseWrites.push(
      ...(await measured(async () => {
        await d1
          .prepare(
            `INSERT INTO promises (id, tenant_id, case_id, amount, currency, promised_date, due_at, status, created_at) VALUES (?, ?, ?, 50000, 'CNY', ?, 0, 'open', 0)`,
          )
          .bind(`ptp_${label}${i}`, tenantId, `case_${caseNo}`, day)
          .run();
        await d1.prepare(`UPDATE promises SET status = 'kept' WHERE id = ?`).bind(`ptp_${label}${i}`).run();
      })),
    );
  }
  const mean = (timings: readonly StatementTiming[], per: number, pick: (t: StatementTiming) => number) =>
    Number((timings.reduce((total, t) => total + pick(t), 0) / per).toFixed(3));
  return {
    outcomeInsertMs: mean(outcomeInserts, upkeepWrites, (t) => t.ms),
    outcomeRowsWritten: mean(outcomeInserts, upkeepWrites, (t) => t.rowsWritten),
    promiseInsertAndSettleMs: mean(promiseWrites, upkeepWrites, (t) => t.ms),
    promiseRowsWritten: mean(promiseWrites, upkeepWrites, (t) => t.rowsWritten),
    maxStatementMs: round(Math.max(...outcomeInserts.map((t) => t.ms), ...promiseWrites.map((t) => t.ms))),
  };
}
const withTriggers = await upkeepRound('u');
for (const { name } of triggerSql) await proxy.env.DB.prepare(`DROP TRIGGER ${name}`).run();
const withoutTriggers = await upkeepRound('n');
// Those rows never reached the rollups, so they leave before the triggers come back.
await proxy.env.DB.prepare(`DELETE FROM visit_outcomes WHERE tenant_id = ? AND visit_id LIKE 'vis_n%'`)
  .bind(tenantId)
  .run();
await proxy.env.DB.prepare(`DELETE FROM promises WHERE tenant_id = ? AND id LIKE 'ptp_n%'`)
  .bind(tenantId)
  .run();
for (const { sql } of triggerSql) await proxy.env.DB.prepare(sql).run();
const upkeep = {
  writes: upkeepWrites,
  withTriggers,
  withoutTriggers,
  outcomeUpkeepMs: Number((withTriggers.outcomeInsertMs - withoutTriggers.outcomeInsertMs).toFixed(3)),
  promiseUpkeepMs: Number(
    (withTriggers.promiseInsertAndSettleMs - withoutTriggers.promiseInsertAndSettleMs).toFixed(3),
  ),
};
console.log(
  `Upkeep per outcome: ${upkeep.outcomeUpkeepMs} ms of D1 time, per promise made and settled: ${upkeep.promiseUpkeepMs} ms`,
);

// --- The reports, through the worker's own report code.
const window = (from: string, to: string): ReportWindow => ({
  from,
  to,
  fromEndMs: shanghaiMidnight(from) + dayMs,
  toEndMs: shanghaiMidnight(to) + dayMs,
  period: 'month',
});
const sixMonths = window('2026-05-01', '2026-10-31');
const cohortMonth = window('2026-09-30', '2026-10-31');
const rollups = builtRollups(d1, tenantId);
const kpi = (request: Pick<KpiReportRequest, 'kpi' | 'window' | 'groupBy'>) => () =>
  kpiReport(d1, rollups, {
    tenantId,
    costPerVisitMinor: 15000,
    timeZone: 'Asia/Shanghai',
    asOfMs: Date.now(),
    ...request,
  });
const reports: { name: string; run: () => Promise<unknown> }[] = [
  {
    name: 'right-party-contact-rate by month and region (6 months)',
    run: kpi({ kpi: 'right-party-contact-rate', window: sixMonths, groupBy: ['period', 'region'] }),
  },
  {
    name: 'satisfaction by agent (6 months)',
    run: kpi({ kpi: 'satisfaction', window: sixMonths, groupBy: ['agent'] }),
  },
  {
    name: 'visits-per-agent-day by month (6 months)',
    run: kpi({ kpi: 'visits-per-agent-day', window: sixMonths, groupBy: ['period'] }),
  },
  {
    name: 'visits-per-agent-day by agent and region (6 months)',
    run: kpi({ kpi: 'visits-per-agent-day', window: sixMonths, groupBy: ['agent', 'region'] }),
  },
  {
    name: 'cure-rate by region (1 month cohort)',
    run: kpi({ kpi: 'cure-rate', window: cohortMonth, groupBy: ['region'] }),
  },
  {
    name: 'recovery-rate by bucket (1 month cohort)',
    run: kpi({ kpi: 'recovery-rate', window: cohortMonth, groupBy: ['bucket'] }),
  },
  {
    name: 'cost-per-cured-case by region and agency (1 month cohort)',
    run: kpi({ kpi: 'cost-per-cured-case', window: cohortMonth, groupBy: ['region', 'agency'] }),
  },
  {
    name: 'promise-kept-rate by agency (1 month)',
    run: kpi({ kpi: 'promise-kept-rate', window: window('2026-10-01', '2026-10-31'), groupBy: ['agency'] }),
  },
  {
    name: 'overdue-rate.amount by region (as of 2026-10-31)',
    run: kpi({ kpi: 'overdue-rate.amount', window: cohortMonth, groupBy: ['region'] }),
  },
  {
    name: 'roll-rate matrix (2026-09-30 → 2026-10-31)',
    run: kpi({ kpi: 'roll-rate', window: cohortMonth, groupBy: [] }),
  },
  {
    name: 'social-responsibility summary by week (6 months)',
    run: () => socialReport(d1, tenantId, { ...sixMonths, period: 'week' }, 8 * 3_600_000),
  },
  {
    name: 'effect report (per arm: cases, cures, recovered n/Σ/Σ²)',
    run: async () => {
      const head = await rollups.head('effect', experimentId, cohortMonth.from);
      const query = effectRollupQuery(head.runId, cohortMonth.from, cohortMonth.to);
      await d1
        .prepare(query.sql)
        .bind(...query.binds)
        .all();
    },
  },
];

const results: {
  name: string;
  ms: number;
  runsMs: number[];
  rowsRead: number;
  statements: number;
  queryPlan: string[];
}[] = [];
for (const report of reports) {
  const runsMs: number[] = [];
  let last: StatementTiming[] = [];
  for (let i = 0; i < repeat; i++) {
    last = await measured(report.run);
    runsMs.push(round(sum(last)));
  }
  const main = [...last].sort((a, b) => b.rowsRead - a.rowsRead)[0]!;
  const plan = await proxy.env.DB.prepare(`EXPLAIN QUERY PLAN ${main.sql}`)
    .bind(...main.binds)
    .all<{ detail: string }>();
  const ms = [...runsMs].sort((a, b) => a - b)[Math.floor(runsMs.length / 2)]!;
  results.push({
    name: report.name,
    ms,
    runsMs,
    rowsRead: last.reduce((total, t) => total + t.rowsRead, 0),
    statements: last.length,
    queryPlan: plan.results.map((row) => row.detail),
  });
  console.log(
    `${ms.toFixed(1).padStart(9)} ms  ${String(results.at(-1)!.rowsRead).padStart(6)} rows  ${report.name}`,
  );
}
await proxy.dispose();

// --- What the tenant's data and its rollups weigh (for docs/scaling.md).
const sizes = new DatabaseSync(localD1.sqliteFile);
const tables = sizes
  .prepare(
    `SELECT COALESCE(m.tbl_name, s.name) AS tbl, SUM(s.pgsize) AS bytes FROM dbstat s
     LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY tbl ORDER BY bytes DESC`,
  )
  .all() as { tbl: string; bytes: number }[];
const storage = tables
  .filter((row) => !row.tbl.startsWith('sqlite_') && !row.tbl.startsWith('_cf_') && row.bytes > 4096 * 4)
  .map((row) => ({
    table: row.tbl,
    rows: (sizes.prepare(`SELECT COUNT(*) AS n FROM "${row.tbl}"`).get() as { n: number }).n,
    bytesWithIndexes: row.bytes,
  }));
sizes.close();

const maxStatement = [...statements].sort((a, b) => b.ms - a.ms)[0]!;
// The statements by kind (their first words), slowest first: where the D1 time of the bench goes.
const kinds = new Map<string, { count: number; totalMs: number; maxMs: number }>();
for (const t of statements) {
  const text = t.sql.replace(/\s+/g, ' ').trim();
  // Chunk statements share their opening CTEs; the table they write tells them apart.
  const kind = `${/INSERT INTO (\w+)/.exec(text)?.[1] ?? ''}: ${text.slice(0, 80)}`;
  const entry = kinds.get(kind) ?? { count: 0, totalMs: 0, maxMs: 0 };
  entry.count += 1;
  entry.totalMs += t.ms;
  entry.maxMs = Math.max(entry.maxMs, t.ms);
  kinds.set(kind, entry);
}
const durations = statements.map((t) => t.ms).sort((a, b) => a - b);
const percentile = (p: number) =>
  durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!;
const statementPercentilesMs = { p50: percentile(0.5), p99: percentile(0.99), p999: percentile(0.999) };
const statementKinds = [...kinds]
  .map(([sql, entry]) => ({ sql, ...entry, totalMs: round(entry.totalMs) }))
  .sort((a, b) => b.maxMs - a.maxMs)
  .slice(0, 15);
console.log(
  `Statements: ${statements.length}, p50 ${statementPercentilesMs.p50} ms, p99 ${statementPercentilesMs.p99} ms`,
);
console.log(
  `Longest statement of the bench: ${maxStatement.ms} ms (${maxStatement.sql.replace(/\s+/g, ' ').slice(0, 100)}…)`,
);
localD1.finish(
  'reports',
  {
    visits: visitCount,
    cases: caseCount,
    reports: results,
    maxStatementMs: maxStatement.ms,
    statementPercentilesMs,
    maxStatementSql: maxStatement.sql.replace(/\s+/g, ' ').slice(0, 300),
    statements: statements.length,
    rollupRebuildMs,
    rollupRebuild: {
      statements: rebuildStatements.length,
      slowestStatementMs: slowestRebuild.ms,
      slowestStatementSql: slowestRebuild.sql.replace(/\s+/g, ' ').slice(0, 300),
      runs: rebuilds,
    },
    upkeep,
    storage,
    statementKinds,
  },
  values.keep,
);
