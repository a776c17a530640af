/**
 * Random portfolios for the KPI property test: plain rows the reference (`@doorstep/evaluation`) reads,
 * the same rows written to D1 the way the worker stores them, and the rollups built from them.
 */
import { env } from 'cloudflare:test';
import { addDays, buckets, startOfLocalDay } from '@doorstep/core';
import {
  type ContactResult,
  contactResults,
  type DelinquencySnapshotRow,
  type PaymentRow,
  type PromiseRow,
  type SatisfactionScore,
} from '@doorstep/evaluation';
import { type Random, seededRandom } from '@doorstep/testkit';
import { type ChunkSizes, runToCompletion, startRollupRun } from '../src/reports/rollups/runs';

export const FIRST_DAY = '2026-08-20';
export const LAST_DAY = '2026-12-15';
/** Month ends inside the data, where cohorts can start. */
export const MONTH_ENDS = ['2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30'];
/** Zones with and without DST (the US and UK clocks change inside the data, on different days). */
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'America/New_York'];
const REGIONS = ['r1', 'r2', 'r3', null];
const AGENCIES = ['ag1', 'ag2', null];
const AGENTS = ['g1', 'g2', 'g3', 'g4', null];

export interface Outcome {
  visitId: string;
  caseId: string;
  accountId: string;
  agentId: string | null;
  contactResult: ContactResult;
  localDate: string;
  regionId: string | null;
  agencyId: string | null;
  bucket: string;
  satisfaction: SatisfactionScore | null;
  /** Whether the check-in was flagged far from the address; null when no distance was measured. */
  checkInFar: boolean | null;
}

export interface PromiseFact extends PromiseRow {
  caseId: string;
  status: 'kept' | 'partly_kept' | 'broken' | 'cancelled';
}

export interface Portfolio {
  tenantId: string;
  zone: string;
  costPerVisitMinor: number;
  accounts: {
    id: string;
    currency: string;
    closed: boolean;
    regionId: string | null;
    cases: {
      id: string;
      agencyId: string | null;
      regionId: string | null;
      bucket: string;
      openedAt: number;
    }[];
  }[];
  snapshots: DelinquencySnapshotRow[];
  payments: (PaymentRow & { paidAt: number })[];
  outcomes: Outcome[];
  promises: PromiseFact[];
}

const randomDay = (random: Random, from = FIRST_DAY, to = LAST_DAY) => {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, random.int(0, days));
};

/** Month ends and the days after them, where window edges fall. */
const EDGES = MONTH_ENDS.flatMap((end) => [end, addDays(end, 1)]);

/** A day of the data, often at a window edge, where off-by-one mistakes show. */
const edgyDay = (random: Random, edges = 0.35) =>
  random.bool(edges) ? random.pick(EDGES) : randomDay(random);

/** Days past due, often at a bucket boundary. */
const randomDpd = (random: Random) =>
  random.bool(0.25)
    ? 0
    : random.bool(0.5)
      ? random.pick([1, 2, 30, 31, 60, 61, 90, 91, 120, 121, 150, 151])
      : random.int(1, 400);

/** An instant on a local date of the zone, often at the first or last millisecond of the day. */
function instantOn(random: Random, date: string, zone: string): number {
  const start = Date.parse(startOfLocalDay(date, zone));
  const length = Date.parse(startOfLocalDay(addDays(date, 1), zone)) - start;
  return start + random.pick([0, 0, length - 1, random.int(0, length - 1)]);
}

let portfolios = 0;

export function randomPortfolio(seed: number): Portfolio {
  const random = seededRandom(seed);
  // fast-check may draw a seed twice; each portfolio still gets a tenant of its own.
  portfolios += 1;
  const key = `${seed}_${portfolios}`;
  const tenantId = `ten_kp${key}`;
  const zone = random.pick(ZONES);
  const portfolio: Portfolio = {
    tenantId,
    zone,
    costPerVisitMinor: random.int(0, 5000),
    accounts: [],
    snapshots: [],
    payments: [],
    outcomes: [],
    promises: [],
  };
  const accountCount = random.int(8, 40);
  for (let a = 0; a < accountCount; a++) {
    const id = `acc_${key}_${a}`;
    const currency = random.bool(0.8) ? 'CNY' : 'USD';
    const closed = random.bool(0.1);
    const cases = Array.from({ length: random.int(1, 2) }, (_, c) => ({
      id: `case_${key}_${a}_${c}`,
      agencyId: random.pick(AGENCIES),
      regionId: random.pick(REGIONS),
      bucket: random.pick(buckets),
      openedAt: Date.parse('2026-06-01T00:00:00Z') + c * 86_400_000 * random.int(1, 60),
    }));
    portfolio.accounts.push({ id, currency, closed, regionId: random.pick(REGIONS), cases });
    // Sequences are unique per account but in no particular order: the latest snapshot of a date is the
    // one with the highest sequence, and dates order before sequences.
    const sequences = [...new Set(Array.from({ length: 8 }, () => random.int(1, 99)))];
    const snapshotCount = random.int(1, Math.min(6, sequences.length));
    for (let s = 0; s < snapshotCount; s++) {
      const dpd = randomDpd(random);
      const overdue = dpd === 0 ? 0 : random.int(100, 80_000);
      portfolio.snapshots.push({
        accountId: id,
        // Some dates repeat, so two reports on one date meet.
        asOf: s > 0 && random.bool(0.2) ? portfolio.snapshots.at(-1)!.asOf : edgyDay(random),
        sequence: sequences[s]!,
        daysPastDue: dpd,
        overdueMinor: overdue,
        outstandingMinor: overdue + random.int(0, 200_000),
        currency,
        status: closed ? 'closed' : 'open',
      });
    }
    for (let p = random.int(0, 4); p > 0; p--) {
      // Payments sit at window edges, at the first or last millisecond of a local day, even more often:
      // there a wrong UTC offset moves them across the edge.
      const paidOn = edgyDay(random, 0.5);
      portfolio.payments.push({
        accountId: id,
        paidOn,
        paidAt: instantOn(random, paidOn, zone),
        amountMinor: random.int(1, 40_000),
        currency,
      });
    }
  }
  const allCases = portfolio.accounts.flatMap((account) => account.cases.map((kase) => ({ account, kase })));
  for (let v = random.int(10, 70); v > 0; v--) {
    const { account, kase } = random.pick(allCases);
    portfolio.outcomes.push({
      visitId: `vis_${key}_${v}`,
      caseId: kase.id,
      accountId: account.id,
      agentId: random.pick(AGENTS),
      contactResult: random.pick(contactResults),
      localDate: edgyDay(random),
      regionId: random.pick(REGIONS),
      agencyId: random.pick(AGENCIES),
      bucket: random.pick(buckets),
      satisfaction: random.bool(0.3) ? null : (random.int(1, 5) as SatisfactionScore),
      checkInFar: random.bool(0.3) ? null : random.bool(0.2),
    });
  }
  for (let p = random.int(3, 20); p > 0; p--) {
    const { account, kase } = random.pick(allCases);
    const madeOn = randomDay(random, FIRST_DAY, '2026-11-30');
    const dueOn = addDays(madeOn, random.int(0, 15));
    const amountMinor = random.int(100, 30_000);
    // The follow-up engine's rule, as the reference states it: payments from the day it was made to its
    // due date cover the amount.
    const paid = portfolio.payments
      .filter(
        (payment) => payment.accountId === account.id && payment.paidOn >= madeOn && payment.paidOn <= dueOn,
      )
      .reduce((sum, payment) => sum + payment.amountMinor, 0);
    const status = random.bool(0.15)
      ? 'cancelled'
      : paid >= amountMinor
        ? 'kept'
        : paid > 0
          ? 'partly_kept'
          : 'broken';
    portfolio.promises.push({
      promiseId: `ptp_${key}_${p}`,
      caseId: kase.id,
      accountId: account.id,
      madeOn,
      dueOn,
      amountMinor,
      currency: account.currency,
      status,
    });
  }
  return portfolio;
}

async function insertRows(table: string, columns: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await env.DB.prepare(
      `INSERT INTO ${table} (${columns.join(', ')})
       SELECT ${columns.map((_, c) => `value ->> '$[${c}]'`).join(', ')} FROM json_each(?)`,
    )
      .bind(JSON.stringify(chunk))
      .run();
  }
}

const INSERT_TRIGGERS = ['visit_outcomes_rollup_on_insert', 'promises_rollup_on_insert'];

/** Runs `write` with the rollup insert triggers dropped, as rows written before migration 0034 were. */
async function withoutInsertTriggers(write: () => Promise<void>) {
  const { results } = await env.DB.prepare(
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each(?))`,
  )
    .bind(JSON.stringify(INSERT_TRIGGERS))
    .all<{ name: string; sql: string }>();
  for (const { name } of results) await env.DB.prepare(`DROP TRIGGER ${name}`).run();
  try {
    await write();
  } finally {
    for (const { sql } of results) await env.DB.prepare(sql).run();
  }
}

/**
 * Writes the portfolio's raw rows. Outcomes and promises go through every trigger path: extra outcomes are
 * written and deleted again, some are written wrong and corrected, and promises start open (some on a
 * wrong date) and are then settled, as the follow-up engine would. Those of `untracked` (a month) are
 * written with the insert triggers off, like rows from before the rollups existed: only a rebuild of that
 * month counts them.
 */
export async function loadPortfolio(
  portfolio: Portfolio,
  random: Random,
  untracked: string | null,
): Promise<void> {
  const { tenantId } = portfolio;
  await env.DB.prepare(
    `INSERT INTO tenants (id, name, time_zone, currency, jurisdiction, settings, created_at) VALUES (?, 'KPI property', ?, 'CNY', 'cn', ?, 0)`,
  )
    .bind(tenantId, portfolio.zone, JSON.stringify({ costPerVisitMinor: portfolio.costPerVisitMinor }))
    .run();
  await insertRows(
    'customers',
    ['id', 'tenant_id', 'external_ref', 'name', 'region_id', 'source_updated_at', 'created_at', 'updated_at'],
    portfolio.accounts.map((a) => [a.id.replace('acc_', 'cus_'), tenantId, a.id, 'x', a.regionId, 0, 0, 0]),
  );
  await insertRows(
    'accounts',
    [
      'id',
      'tenant_id',
      'customer_id',
      'external_ref',
      'kind',
      'product',
      'currency',
      'limit_or_principal',
      'status',
      'created_at',
      'updated_at',
    ],
    portfolio.accounts.map((a) => [
      a.id,
      tenantId,
      a.id.replace('acc_', 'cus_'),
      a.id,
      'loan',
      'p',
      a.currency,
      100_000,
      a.closed ? 'closed' : 'delinquent',
      0,
      0,
    ]),
  );
  await insertRows(
    'cases',
    [
      'id',
      'tenant_id',
      'customer_id',
      'account_id',
      'status',
      'bucket',
      'dpd',
      'overdue_total',
      'overdue_at_open',
      'currency',
      'region_id',
      'agency_id',
      'opened_at',
      'updated_at',
    ],
    portfolio.accounts.flatMap((a) =>
      a.cases.map((k) => [
        k.id,
        tenantId,
        a.id.replace('acc_', 'cus_'),
        a.id,
        'open',
        k.bucket,
        1,
        1,
        1,
        a.currency,
        k.regionId,
        k.agencyId,
        k.openedAt,
        0,
      ]),
    ),
  );
  await insertRows(
    'delinquency_snapshots',
    [
      'tenant_id',
      'account_id',
      'sequence',
      'as_of',
      'dpd',
      'overdue_principal',
      'overdue_interest',
      'overdue_fees',
      'outstanding_balance',
      'currency',
      'bucket',
      'received_at',
    ],
    portfolio.snapshots.map((s) => {
      const interest = Math.floor(s.overdueMinor / 3);
      const fees = Math.floor(s.overdueMinor / 7);
      return [
        tenantId,
        s.accountId,
        s.sequence,
        s.asOf,
        s.daysPastDue,
        s.overdueMinor - interest - fees,
        interest,
        fees,
        s.outstandingMinor,
        s.currency,
        'M1',
        0,
      ];
    }),
  );
  await insertRows(
    'payments',
    ['id', 'tenant_id', 'account_id', 'external_ref', 'amount', 'currency', 'paid_at', 'received_at'],
    portfolio.payments.map((p, i) => [
      `pay_${tenantId}_${i}`,
      tenantId,
      p.accountId,
      `P${i}`,
      p.amountMinor,
      p.currency,
      p.paidAt,
      0,
    ]),
  );
  const outcomeColumns = [
    'visit_id',
    'tenant_id',
    'case_id',
    'agent_id',
    'contact_result',
    'local_date',
    'region_id',
    'agency_id',
    'bucket',
    'checklist',
    'satisfaction',
    'check_in_far',
    'recorded_at',
  ];
  const outcomeRow = (o: Outcome) => [
    o.visitId,
    tenantId,
    o.caseId,
    o.agentId,
    o.contactResult,
    o.localDate,
    o.regionId,
    o.agencyId,
    o.bucket,
    '{}',
    o.satisfaction,
    o.checkInFar === null ? null : Number(o.checkInFar),
    0,
  ];
  const wrong = (o: Outcome): Outcome => ({
    ...o,
    agentId: random.pick(AGENTS),
    localDate: randomDay(random),
    regionId: random.pick(REGIONS),
    satisfaction: random.bool(0.5) ? null : 3,
    contactResult: random.pick(contactResults),
    checkInFar: random.pick([null, true, false]),
  });
  const inUntracked = (date: string) => untracked !== null && date.startsWith(untracked);
  const tracked = portfolio.outcomes.filter((o) => !inUntracked(o.localDate));
  const corrected = tracked.filter(() => random.bool(0.2));
  const extra = tracked
    .filter(() => random.bool(0.2))
    .map((o) => ({ ...wrong(o), visitId: `${o.visitId}x` }));
  await insertRows('visit_outcomes', outcomeColumns, [
    ...tracked.map((o) => outcomeRow(corrected.includes(o) ? wrong(o) : o)),
    ...extra.map(outcomeRow),
  ]);
  for (const o of corrected) {
    await env.DB.prepare(
      `UPDATE visit_outcomes SET agent_id = ?, local_date = ?, region_id = ?, agency_id = ?, bucket = ?, contact_result = ?,
         satisfaction = ?, check_in_far = ? WHERE visit_id = ?`,
    )
      .bind(
        o.agentId,
        o.localDate,
        o.regionId,
        o.agencyId,
        o.bucket,
        o.contactResult,
        o.satisfaction,
        o.checkInFar === null ? null : Number(o.checkInFar),
        o.visitId,
      )
      .run();
  }
  await env.DB.prepare(`DELETE FROM visit_outcomes WHERE tenant_id = ? AND visit_id LIKE '%x'`)
    .bind(tenantId)
    .run();
  const promiseColumns = [
    'id',
    'tenant_id',
    'case_id',
    'amount',
    'currency',
    'promised_date',
    'due_at',
    'status',
    'created_at',
  ];
  const settled = portfolio.promises.filter((p) => !inUntracked(p.dueOn));
  await insertRows(
    'promises',
    promiseColumns,
    settled.map((p) => [
      p.promiseId,
      tenantId,
      p.caseId,
      p.amountMinor,
      p.currency,
      random.bool(0.3) ? addDays(p.dueOn, -2) : p.dueOn,
      0,
      'open',
      0,
    ]),
  );
  for (const p of settled) {
    await env.DB.prepare('UPDATE promises SET status = ?, promised_date = ? WHERE id = ?')
      .bind(p.status, p.dueOn, p.promiseId)
      .run();
  }
  await withoutInsertTriggers(async () => {
    await insertRows(
      'visit_outcomes',
      outcomeColumns,
      portfolio.outcomes.filter((o) => inUntracked(o.localDate)).map(outcomeRow),
    );
    await insertRows(
      'promises',
      promiseColumns,
      portfolio.promises
        .filter((p) => inUntracked(p.dueOn))
        .map((p) => [p.promiseId, tenantId, p.caseId, p.amountMinor, p.currency, p.dueOn, 0, p.status, 0]),
    );
  });
}

/** Builds one rollup run to the end, with small chunks so that every run spans several. */
export async function buildRollup(
  tenantId: string,
  kind: 'activity' | 'cohort' | 'effect',
  period: string,
  options: { subject?: string; sizes?: ChunkSizes } = {},
): Promise<string> {
  const runId = await startRollupRun(
    env.DB,
    { tenantId, kind, subject: options.subject ?? '', period, reason: 'rebuild' },
    `rlr_${tenantId}_${kind}_${period}_${crypto.randomUUID().slice(0, 8)}`,
    Date.now(),
  );
  if (!runId) throw new Error(`a ${kind} run for ${period} is already under way`);
  await runToCompletion(env.DB, runId, Date.now, {
    sizes: options.sizes ?? { cohort: 7, effect: 5, purge: 11 },
  });
  return runId;
}
