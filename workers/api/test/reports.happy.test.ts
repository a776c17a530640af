/**
 * The D1 aggregates must agree with `@doorstep/evaluation`'s reference implementations over the same rows:
 * a random portfolio is written to real D1, then every KPI is computed both ways and compared group by group.
 */

import { env } from 'cloudflare:test';
import { startOfLocalDay } from '@doorstep/core';
import {
  accountStatesOn,
  aggregateContacts,
  aggregateCure,
  aggregateOverdueCount,
  aggregateRecovery,
  bucketTransitions,
  contactResults,
  countSatisfaction,
  countTransitions,
  cureRate,
  cureRateOf,
  type DelinquencySnapshotRow,
  delinquentCohort,
  type KpiTable,
  overdueRateByCount,
  overdueRateCount,
  type PaymentRow,
  recoveryRate,
  recoveryRateOf,
  rightPartyContactRate,
  rightPartyContactRateOf,
  rollRateMatrix,
  satisfaction,
  satisfactionOf,
  tabulate,
  type VisitRow,
  visitsMadeIn,
} from '@doorstep/evaluation';
import { seededRandom } from '@doorstep/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { kpiReport } from '../src/reports/kpi-report';
import type { ReportWindow } from '../src/reports/kpi-sql';

const tenantId = 'ten_reports';
const zone = 'Asia/Shanghai';
const regions = ['futian', 'nanshan', 'baoan'];
const agents = ['agt_a', 'agt_b', 'agt_c', 'agt_d'];

const snapshots: DelinquencySnapshotRow[] = [];
const payments: PaymentRow[] = [];
const visits: (VisitRow & { regionId: string; agentId: string })[] = [];
const regionOfAccount = new Map<string, string>();

const window: ReportWindow = {
  from: '2026-09-30',
  to: '2026-10-31',
  fromEndMs: Date.parse(startOfLocalDay('2026-10-01', zone)),
  toEndMs: Date.parse(startOfLocalDay('2026-11-01', zone)),
  period: 'month',
};

function generate() {
  const random = seededRandom(42).next;
  const dates = ['2026-09-15', '2026-09-30', '2026-10-10', '2026-10-20', '2026-10-31', '2026-11-05'];
  for (let i = 0; i < 240; i++) {
    const accountId = `acc_r${i}`;
    regionOfAccount.set(accountId, regions[i % regions.length]!);
    let dpd = Math.floor(random() * 120);
    let sequence = 0;
    for (const asOf of dates) {
      if (random() < 0.3) continue;
      sequence += 1;
      dpd = random() < 0.2 ? 0 : Math.max(0, dpd + Math.floor(random() * 40) - 10);
      const overdue = dpd === 0 ? 0 : 1000 + Math.floor(random() * 50000);
      snapshots.push({
        accountId,
        asOf,
        sequence,
        daysPastDue: dpd,
        overdueMinor: overdue,
        outstandingMinor: overdue + Math.floor(random() * 200000),
        currency: 'CNY',
        status: 'open',
      });
    }
    for (const paidOn of ['2026-09-20', '2026-10-05', '2026-10-31', '2026-11-02']) {
      if (random() < 0.4)
        payments.push({
          accountId,
          paidOn,
          amountMinor: 500 + Math.floor(random() * 20000),
          currency: 'CNY',
        });
    }
    if (random() < 0.6) {
      const visitedOn = `2026-10-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const agentId = agents[Math.floor(random() * agents.length)]!;
      visits.push({
        visitId: `vis_r${i}`,
        accountId,
        plannedOn: visitedOn,
        agentIds: [agentId],
        agentId,
        visitedOn,
        contactResult: contactResults[Math.floor(random() * contactResults.length)]!,
        satisfaction: random() < 0.2 ? null : ((1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5),
        costMinor: 0,
        currency: 'CNY',
        regionId: regions[i % regions.length]!,
      });
    }
  }
}

async function load() {
  const db = env.DB;
  const statements: D1PreparedStatement[] = [];
  for (const [accountId, regionId] of regionOfAccount) {
    const customerId = accountId.replace('acc_', 'cus_');
    statements.push(
      db
        .prepare(
          `INSERT INTO customers (id, tenant_id, external_ref, name, region_id, source_updated_at, created_at, updated_at)
           VALUES (?, ?, ?, 'x', ?, 0, 0, 0)`,
        )
        .bind(customerId, tenantId, customerId, regionId),
      db
        .prepare(
          `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'loan', 'p', 'CNY', 100000, 'delinquent', 0, 0)`,
        )
        .bind(accountId, tenantId, customerId, accountId),
      db
        .prepare(
          `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, opened_at, updated_at)
           VALUES (?, ?, ?, ?, 'open', 'M1', 1, 1, 1, 'CNY', ?, 'agy_1', 0, 0)`,
        )
        .bind(accountId.replace('acc_', 'case_'), tenantId, customerId, accountId, regionId),
    );
  }
  for (const s of snapshots) {
    statements.push(
      db
        .prepare(
          `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest, overdue_fees, outstanding_balance, currency, bucket, received_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, 'CNY', 'x', 0)`,
        )
        .bind(tenantId, s.accountId, s.sequence, s.asOf, s.daysPastDue, s.overdueMinor, s.outstandingMinor),
    );
  }
  payments.forEach((p, index) => {
    statements.push(
      db
        .prepare(
          `INSERT INTO payments (id, tenant_id, account_id, external_ref, amount, currency, paid_at, received_at)
           VALUES (?, ?, ?, ?, ?, 'CNY', ?, 0)`,
        )
        .bind(
          `pay_r${index}`,
          tenantId,
          p.accountId,
          `P${index}`,
          p.amountMinor,
          Date.parse(startOfLocalDay(p.paidOn, zone)) + 43_200_000,
        ),
    );
  });
  for (const v of visits) {
    statements.push(
      db
        .prepare(
          `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, agent_id, contact_result, local_date, region_id, agency_id, bucket, checklist, satisfaction, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'agy_1', 'M1', '{}', ?, 0)`,
        )
        .bind(
          v.visitId,
          tenantId,
          v.accountId.replace('acc_', 'case_'),
          v.agentId,
          v.contactResult,
          v.visitedOn,
          v.regionId,
          v.satisfaction,
        ),
    );
  }
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200));
}

const valuesOf = (table: KpiTable) =>
  table.rows.map((row) => ({
    group: row.group,
    numerator: row.result.numerator,
    denominator: row.result.denominator,
  }));

const request = (
  kpi: Parameters<typeof kpiReport>[1]['kpi'],
  groupBy: Parameters<typeof kpiReport>[1]['groupBy'],
) => kpiReport(env.DB, { tenantId, kpi, window, groupBy, costPerVisitMinor: 0, timeZone: zone, asOfMs: 0 });

describe('KPI reports computed in D1', () => {
  beforeAll(async () => {
    generate();
    await load();
  });

  it('cure rate by region matches the reference cohort', async () => {
    const cohort = delinquentCohort(snapshots, payments, { start: window.from, end: window.to });
    const expected = tabulate({
      definition: cureRate,
      facts: cohort,
      groupBy: { region: (o) => regionOfAccount.get(o.accountId)! },
      compute: (facts) => cureRateOf(aggregateCure(facts)),
    });
    expect(cohort.length).toBeGreaterThan(50);
    expect(valuesOf(await request('cure-rate', ['region']))).toEqual(valuesOf(expected));
  });

  it('recovery rate caps payments at the arrears and matches the reference', async () => {
    const cohort = delinquentCohort(snapshots, payments, { start: window.from, end: window.to });
    const expected = tabulate({
      definition: recoveryRate,
      facts: cohort,
      groupBy: {},
      compute: (facts) => recoveryRateOf(aggregateRecovery(facts, 'CNY')),
    });
    expect(valuesOf(await request('recovery-rate', []))).toEqual(valuesOf(expected));
  });

  it('right-party contact rate and satisfaction by agent and month match the reference', async () => {
    const made = visitsMadeIn(visits, { start: window.from, end: window.to });
    const byAgentMonth = {
      agent: (v: VisitRow) => v.agentIds[0]!,
      period: (v: VisitRow) => v.visitedOn!.slice(0, 7),
    };
    const contacts = tabulate({
      definition: rightPartyContactRate,
      facts: made,
      groupBy: byAgentMonth,
      compute: (facts) => rightPartyContactRateOf(aggregateContacts(facts)),
    });
    const scores = tabulate({
      definition: satisfaction,
      facts: made,
      groupBy: byAgentMonth,
      compute: (facts) => satisfactionOf(countSatisfaction(facts)),
    });
    expect(valuesOf(await request('right-party-contact-rate', ['agent', 'period']))).toEqual(
      valuesOf(contacts),
    );
    expect(valuesOf(await request('satisfaction', ['agent', 'period']))).toEqual(valuesOf(scores));
  });

  it('overdue rate as of the window end matches the reference portfolio', async () => {
    const states = accountStatesOn(snapshots, window.to);
    const expected = tabulate({
      definition: overdueRateCount,
      facts: states,
      groupBy: { region: (s) => regionOfAccount.get(s.accountId)! },
      compute: (facts) => overdueRateByCount(aggregateOverdueCount(facts)),
    });
    expect(valuesOf(await request('overdue-rate.count', ['region']))).toEqual(valuesOf(expected));
  });

  it('roll-rate matrix matches the reference transitions', async () => {
    const expected = rollRateMatrix(countTransitions(bucketTransitions(snapshots, window.from, window.to)));
    const table = await request('roll-rate', []);
    expect(table.rows.map((row) => [row.result.numerator, row.result.denominator])).toEqual(
      expected.map((cell) => [cell.numerator, cell.denominator]),
    );
  });
});
