/**
 * `pnpm bench:reports`: KPI and effect reports over 1,000,000 visit outcomes and 200,000 cases in local D1.
 *
 * Builds a throwaway local D1 (wrangler's own SQLite file, migrations applied by `wrangler d1 migrations
 * apply`), bulk-loads a synthetic portfolio into it, then runs every report query through workerd's D1
 * (`wrangler d1 execute --local --json`) and records D1's own `duration` for each, plus the query plan.
 * Process start-up of wrangler is not counted: the figure is the time D1 spends on the report's SQL.
 *
 * Options: --visits N (default 1000000), --cases N (default 200000), --repeat N (default 3).
 */
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import {
  assignCase,
  contactResults,
  type DelinquencyBucket,
  delinquentBucketOf,
  type GroupKey,
} from '@doorstep/evaluation';
import { seededRandom } from '@doorstep/testkit';
import {
  agentDayQuery,
  cohortQuery,
  experimentArmsQuery,
  type KpiQuery,
  outcomeFactsQuery,
  portfolioQuery,
  promiseQuery,
  type ReportWindow,
  rollRateQuery,
} from '../../workers/api/src/reports/kpi-sql';
import { createLocalD1 } from './local-d1';

const { values } = parseArgs({
  options: {
    visits: { type: 'string', default: '1000000' },
    cases: { type: 'string', default: '200000' },
    repeat: { type: 'string', default: '3' },
  },
});
const visitCount = Number(values.visits);
const caseCount = Number(values.cases);
const repeat = Number(values.repeat);

const localD1 = createLocalD1('reports');

const tenantId = 'ten_bench';
const experimentId = 'exp_bench';
const regions = [
  'futian',
  'luohu',
  'nanshan',
  'yantian',
  'baoan',
  'longgang',
  'longhua',
  'pingshan',
  'guangming',
  'dapeng',
];
// Every contact result, with the customer met twice as often as any other: most visits find someone home.
const contactDraws = [...contactResults, 'customer_met'];
const dayMs = 86_400_000;
const shanghaiMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
const localDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

function load(file: string) {
  const random = seededRandom(7).next;
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  db.exec('BEGIN');
  const insert = (sql: string) => db.prepare(sql);
  const customer = insert(
    `INSERT INTO customers (id, tenant_id, external_ref, name, region_id, source_updated_at, created_at, updated_at) VALUES (?, ?, ?, 'x', ?, 0, 0, 0)`,
  );
  const account = insert(
    `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status, dpd, overdue_total, outstanding_balance, created_at, updated_at) VALUES (?, ?, ?, ?, 'credit_card', 'card', 'CNY', 5000000, ?, ?, ?, ?, 0, 0)`,
  );
  const kase = insert(
    `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, eligible, priority, opened_at, ended_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, 1, ?, ?, ?, 0)`,
  );
  const snapshot = insert(
    `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest, overdue_fees, outstanding_balance, currency, bucket, received_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, 'CNY', ?, 0)`,
  );
  const payment = insert(
    `INSERT INTO payments (id, tenant_id, account_id, case_id, external_ref, amount, currency, paid_at, received_at) VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, 0)`,
  );
  const outcome = insert(
    `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, agent_id, contact_result, local_date, region_id, agency_id, bucket, checklist, satisfaction, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
  );
  const promise = insert(
    `INSERT INTO promises (id, tenant_id, case_id, amount, currency, promised_date, due_at, status, created_at) VALUES (?, ?, ?, ?, 'CNY', ?, ?, ?, 0)`,
  );
  const assignment = insert(
    `INSERT INTO experiment_assignments (tenant_id, experiment_id, case_id, arm, eligible, stratum, hash, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const experiment = {
    id: experimentId,
    salt: 'bench-salt',
    holdoutShare: 0.2,
    challenger: null,
    stratifyBy: 'bucket' as const,
    minimumDetectableEffect: 0.03,
    baselineCureRate: null,
  };
  const snapshotDates = ['2026-08-31', '2026-09-30', '2026-10-15', '2026-10-31'];
  const caseMeta: { id: string; region: string; agency: string; bucket: DelinquencyBucket }[] = [];
  for (let i = 0; i < caseCount; i++) {
    const id = String(i).padStart(7, '0');
    const region = regions[i % regions.length]!;
    const agency = i % 4 === 0 ? 'agy_partner' : 'agy_inhouse';
    customer.run(`cus_${id}`, tenantId, `C${id}`, region);
    let dpd = 1 + Math.floor(-Math.log(1 - random()) * 40);
    const firstBucket = delinquentBucketOf(dpd);
    let sequence = 0;
    let lastOverdue = 0;
    for (const asOf of snapshotDates) {
      sequence += 1;
      dpd = random() < 0.15 ? 0 : dpd + (random() < 0.6 ? 30 : -Math.floor(random() * 30));
      dpd = Math.max(0, dpd);
      lastOverdue = dpd === 0 ? 0 : 20000 + Math.floor(random() * 800000);
      snapshot.run(
        tenantId,
        `acc_${id}`,
        sequence,
        asOf,
        dpd,
        lastOverdue,
        lastOverdue * 4,
        dpd === 0 ? 'current' : 'M1',
      );
    }
    const cured = dpd === 0;
    account.run(
      `acc_${id}`,
      tenantId,
      `cus_${id}`,
      `A${id}`,
      cured ? 'current' : 'delinquent',
      dpd,
      lastOverdue,
      lastOverdue * 4,
    );
    kase.run(
      `case_${id}`,
      tenantId,
      `cus_${id}`,
      `acc_${id}`,
      cured ? 'cured' : 'in_follow_up',
      delinquentBucketOf(Math.max(1, dpd)),
      dpd,
      lastOverdue,
      lastOverdue,
      region,
      agency,
      random(),
      shanghaiMidnight('2026-08-01'),
      cured ? shanghaiMidnight('2026-10-31') : null,
    );
    const assigned = assignCase(experiment, {
      caseId: `case_${id}`,
      bucket: firstBucket,
      eligibility: random() < 0.03 ? { eligible: false, reasons: [] } : { eligible: true },
    });
    assignment.run(
      tenantId,
      experimentId,
      `case_${id}`,
      assigned.arm,
      assigned.eligible ? 1 : 0,
      assigned.stratum,
      assigned.hash,
    );
    caseMeta.push({ id, region, agency, bucket: firstBucket });
  }
  for (let i = 0; i < caseCount * 1.5; i++) {
    const meta = caseMeta[Math.floor(random() * caseMeta.length)]!;
    const paidAt = shanghaiMidnight('2026-09-01') + Math.floor(random() * 75 * dayMs);
    payment.run(
      `pay_${i}`,
      tenantId,
      `acc_${meta.id}`,
      `case_${meta.id}`,
      `P${i}`,
      1000 + Math.floor(random() * 200000),
      paidAt,
    );
  }
  const start = shanghaiMidnight('2026-05-01');
  for (let i = 0; i < visitCount; i++) {
    const meta = caseMeta[Math.floor(random() * caseMeta.length)]!;
    const at = start + Math.floor(random() * 184 * dayMs);
    const satisfaction = random() < 0.25 ? null : 1 + Math.floor(random() * 5);
    outcome.run(
      `vis_${i}`,
      tenantId,
      `case_${meta.id}`,
      `agt_${Math.floor(random() * 200)}`,
      contactDraws[Math.floor(random() * contactDraws.length)]!,
      localDate(at),
      meta.region,
      meta.agency,
      meta.bucket,
      satisfaction,
      at,
    );
  }
  for (let i = 0; i < caseCount * 0.75; i++) {
    const meta = caseMeta[Math.floor(random() * caseMeta.length)]!;
    const due = shanghaiMidnight('2026-09-01') + Math.floor(random() * 60 * dayMs);
    const status = ['kept', 'broken', 'partly_kept', 'kept'][Math.floor(random() * 4)]!;
    promise.run(`ptp_${i}`, tenantId, `case_${meta.id}`, 50000, localDate(due), due, status);
  }
  db.exec('COMMIT');
  db.exec('ANALYZE');
  db.close();
}

const loadStarted = performance.now();
load(localD1.sqliteFile);
console.log(
  `Loaded ${caseCount} cases and ${visitCount} visit outcomes in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
);

const cohortWindow: ReportWindow = {
  from: '2026-09-30',
  to: '2026-10-31',
  fromEndMs: shanghaiMidnight('2026-10-01'),
  toEndMs: shanghaiMidnight('2026-11-01'),
  period: 'month',
};
const activityWindow: ReportWindow = {
  ...cohortWindow,
  from: '2026-05-01',
  fromEndMs: shanghaiMidnight('2026-05-02'),
};

/** The bench runs SQL through `wrangler d1 execute`, which takes no bind parameters: inline them as literals. */
function inline(query: KpiQuery): string {
  return query.sql.replace(/\?(\d+)/g, (_, index: string) => {
    const value = query.binds[Number(index) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
  });
}

const byGroup = (keys: GroupKey[]) => keys;
const reports: { name: string; query: KpiQuery }[] = [
  {
    name: 'right-party-contact-rate+satisfaction by month and region (6 months)',
    query: outcomeFactsQuery(tenantId, activityWindow, byGroup(['period', 'region'])),
  },
  {
    name: 'right-party-contact-rate+satisfaction by agent (6 months)',
    query: outcomeFactsQuery(tenantId, activityWindow, byGroup(['agent'])),
  },
  {
    name: 'visits-per-agent-day by month (6 months)',
    query: agentDayQuery(tenantId, activityWindow, byGroup(['period'])),
  },
  {
    name: 'cure-rate+recovery-rate+cost-per-cured-case by region (1 month cohort)',
    query: cohortQuery(tenantId, cohortWindow, byGroup(['region']), 15000),
  },
  {
    name: 'cure-rate+recovery-rate by bucket (1 month cohort)',
    query: cohortQuery(tenantId, cohortWindow, byGroup(['bucket']), 15000),
  },
  { name: 'promise-kept-rate by agency', query: promiseQuery(tenantId, cohortWindow, byGroup(['agency'])) },
  {
    name: 'overdue-rate (count and amount) by region',
    query: portfolioQuery(tenantId, cohortWindow, byGroup(['region'])),
  },
  { name: 'roll-rate matrix', query: rollRateQuery(tenantId, cohortWindow) },
  {
    name: 'effect report (arms: cure, recovered n/sum/sum of squares)',
    query: experimentArmsQuery(tenantId, experimentId, cohortWindow),
  },
];

const results: {
  name: string;
  ms: number;
  runsMs: number[];
  rowsRead: number | null;
  queryPlan: string[];
}[] = [];
for (const report of reports) {
  const sql = inline(report.query);
  const runsMs: number[] = [];
  let rowsRead: number | null = null;
  for (let i = 0; i < repeat; i++) {
    const result = localD1.execute(sql);
    runsMs.push(Number(result.meta.duration.toFixed(1)));
    rowsRead = result.meta.rows_read ?? null;
  }
  const plan = localD1.execute(`EXPLAIN QUERY PLAN ${sql}`).results.map((row) => String(row.detail));
  const ms = [...runsMs].sort((a, b) => a - b)[Math.floor(runsMs.length / 2)]!;
  results.push({ name: report.name, ms, runsMs, rowsRead, queryPlan: plan });
  console.log(`${ms.toFixed(1).padStart(9)} ms  ${report.name}`);
}

localD1.finish('reports', { visits: visitCount, cases: caseCount, reports: results });
