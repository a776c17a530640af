/**
 * The synthetic portfolio of `pnpm bench:reports`, bulk-loaded into wrangler's SQLite file: 200,000 cases
 * with four snapshots each, 1.5 payments and 0.75 promises per case, 1,000,000 visit outcomes over six
 * months, and one experiment over all cases (the sizes scale with the options).
 */
import { DatabaseSync } from 'node:sqlite';
import { bucketOf } from '@doorstep/core';
import { assignCase, contactResults, type DelinquencyBucket, delinquentBucketOf } from '@doorstep/evaluation';
import { seededRandom } from '@doorstep/testkit';

export const tenantId = 'ten_bench';
export const experimentId = 'exp_bench';
export const regions = [
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
export const dayMs = 86_400_000;
export const shanghaiMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);
export const localDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export function loadBenchPortfolio(file: string, caseCount: number, visitCount: number) {
  const random = seededRandom(7).next;
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  // Bulk rows go in with the rollup triggers off, as if they predated them: the rebuild below builds
  // every rollup from the raw rows, and is what this bench times.
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%rollup%'`)
    .all() as { name: string; sql: string }[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  db.exec('BEGIN');
  db.prepare(
    `INSERT INTO tenants (id, name, time_zone, currency, jurisdiction, settings, created_at) VALUES (?, 'Bench', 'Asia/Shanghai', 'CNY', 'cn', '{"costPerVisitMinor":15000}', 0)`,
  ).run(tenantId);
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
      snapshot.run(tenantId, `acc_${id}`, sequence, asOf, dpd, lastOverdue, lastOverdue * 4, bucketOf(dpd));
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
  for (const { sql } of triggers) db.exec(sql);
  db.exec('ANALYZE');
  db.close();
}
