/**
 * Retention that runs (issue 14, item 7): a daily job, started once per tenant and day by the minute
 * cron and chunked through the queue, erases the personal data of cases closed longer ago than the
 * tenant's pack keeps records (CN: 2 years), and nothing else. `COLUMNS` below is the contract: every
 * column of every table the job touches is either erased (with the value it gets) or kept (and why);
 * a column added to one of these tables fails this test until it is classified.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { runtimePorts } from '../src/ports/runtime';
import { handleRetentionRun, RETENTION_CHUNK } from '../src/retention/run-job';
import { startRetentionRuns } from '../src/retention/start';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

type Row = Record<string, unknown>;

/** How a column of an erased row must look: a fixed value, or one computed from the row. */
type Erased = unknown | ((row: Row) => unknown);

interface TableContract {
  erased: Record<string, Erased>;
  /** Column → why it is kept. `erased_at` is kept untouched except where the job sets it (below). */
  kept: Record<string, string>;
}

const ERASED_REF = (row: Row) => `erased:${row.id}`;

const COLUMNS: Record<string, TableContract> = {
  customers: {
    erased: {
      name: '',
      phone: null,
      email: null,
      address_line: null,
      lat: null,
      lon: null,
      household_notes: null,
      time_zone: null,
      language: null,
      flags: '{}',
      credit_history: '{}',
      external_ref: ERASED_REF,
    },
    kept: {
      id: 'the key the case, its visits and promises still point to',
      tenant_id: 'tenant scope',
      region_id: 'regional aggregates (cure and recovery rate by region)',
      flags_updated_at: 'an instant, not about the person',
      source_updated_at: 'an instant, not about the person',
      erased_at: 'set by the job: when the data went',
      version: 'bookkeeping',
      created_at: 'bookkeeping',
      updated_at: 'bookkeeping',
    },
  },
  accounts: {
    erased: { external_ref: ERASED_REF },
    kept: {
      id: 'the key snapshots and payments point to',
      tenant_id: 'tenant scope',
      customer_id: 'links to the anonymised customer',
      kind: 'portfolio aggregates by product kind',
      product: 'portfolio aggregates by product',
      currency: 'money is never without its currency',
      limit_or_principal: 'portfolio amounts',
      status: 'overdue rate (closed accounts are out of the portfolio)',
      last_sequence: 'intake ordering',
      last_as_of: 'intake ordering',
      dpd: 'buckets and roll rates',
      overdue_total: 'overdue amounts',
      outstanding_balance: 'overdue rate by balance',
      erased_at: 'set by the job',
      created_at: 'bookkeeping',
      updated_at: 'bookkeeping',
    },
  },
  cases: {
    erased: {},
    kept: {
      id: 'key',
      tenant_id: 'tenant scope',
      customer_id: 'link to the anonymised customer',
      account_id: 'link to the account',
      status: 'case counts by status',
      bucket: 'KPIs by bucket',
      dpd: 'KPIs by days past due',
      overdue_total: 'recovery rate',
      overdue_at_open: 'recovery rate denominator',
      currency: 'money is never without its currency',
      region_id: 'KPIs by region',
      agency_id: 'KPIs by agency',
      eligible: 'screening statistics',
      priority: 'screening statistics',
      last_screened_at: 'screening statistics',
      open_sequence: 'intake ordering',
      opened_at: 'cohorts',
      ended_at: 'cohorts, and the retention period itself',
      erased_at: 'set by the job',
      version: 'bookkeeping',
      updated_at: 'bookkeeping',
    },
  },
  visits: {
    erased: { dossier: '{}', check_in_lat: null, check_in_lon: null, cancel_note: null },
    kept: {
      id: 'key',
      tenant_id: 'tenant scope',
      case_id: 'link',
      plan_id: 'link',
      purpose: 'a code: visit statistics',
      agent_ids: 'staff ids: visits per agent-day, the two-staff rule',
      lead_agent_id: 'KPIs by agent',
      window_start: 'planning statistics',
      window_end: 'planning statistics',
      route_order: 'planning statistics',
      status: 'visit counts',
      checked_in_at: 'visit dates for every visit KPI',
      check_in_received_at: 'check-in trust: server time, not about the person',
      check_in_distance_m: 'far-check-in KPI: a distance, not a place',
      check_in_flags: 'far-check-in KPI: codes and distances',
      prepared_at: 'bookkeeping',
      cancel_reason: 'a code from the catalogue: cancellation statistics',
      customer_notified: 'a flag: cancellation statistics',
      cancelled_at: 'cancellation statistics',
      version: 'bookkeeping',
      created_at: 'bookkeeping',
      updated_at: 'bookkeeping',
    },
  },
  visit_outcomes: {
    erased: { notes: null, evidence: '[]' },
    kept: {
      visit_id: 'key',
      tenant_id: 'tenant scope',
      case_id: 'link',
      agent_id: 'KPIs by agent',
      contact_result: 'right-party contact rate',
      local_date: 'KPIs by day',
      region_id: 'KPIs by region',
      agency_id: 'KPIs by agency',
      bucket: 'KPIs by bucket',
      checklist: 'codes: how often the introduction was made',
      hardship: 'codes: hardship statistics (social-responsibility report)',
      willingness: 'a score: follow-up statistics',
      ability_per_month: 'an amount: plan statistics',
      satisfaction: 'satisfaction KPI',
      promise: 'amount and date: promise statistics',
      plan_proposal: 'amounts and dates',
      recorded_at: 'an instant',
      check_in_far: 'far-check-in KPI',
    },
  },
  evidence: {
    erased: { status: 'erased' },
    kept: {
      id: 'key (the object itself is deleted from R2)',
      tenant_id: 'tenant scope',
      case_id: 'link',
      visit_id: 'link',
      kind: 'a code',
      media_type: 'a type',
      size_bytes: 'a size',
      sha256: 'proves what was held, shows nothing',
      object_key: 'ids only; the object is gone',
      created_by_key_id: 'who uploaded: accountability',
      created_at: 'an instant',
      stored_at: 'an instant',
      erased_at: 'set by the job',
    },
  },
  compliance_overrides: {
    erased: { reason: '' },
    kept: {
      id: 'key',
      tenant_id: 'tenant scope',
      visit_id: 'link',
      rule: 'which rule was lifted: compliance evidence',
      supervisor_key_id: 'who lifted it: accountability',
      created_at: 'when',
    },
  },
  audit_log: {
    erased: { reason: null },
    kept: {
      id: 'key',
      tenant_id: 'tenant scope',
      at: 'the trail: when',
      actor_key_id: 'the trail: who',
      actor_role: 'the trail: who',
      action: 'the trail: what',
      subject_type: 'the trail: on what',
      subject_id: 'the trail: ids only',
      data: 'codes, ids and instants (no free text is ever put there)',
    },
  },
};

/** Tables the job never writes: amounts, dates and codes every aggregate is made of. */
const UNTOUCHED = {
  promises: 'promise-kept rate',
  payments: 'recovery and cure',
  delinquency_snapshots: 'overdue, cure and roll rates',
  contact_attempts: 'channel and time only: compliance frequency history',
  repayment_plans: 'plan statistics',
} as const;

/** The day of the run: 2026-12-05, 03:00 UTC. The CN pack keeps records 2 years: cases ended by 2024-12-05 go. */
const NOW = Date.UTC(2026, 11, 5, 3, 0);
const clock = (at: number) => ({ ...runtimePorts(), now: () => at });
const ENDED_LONG_AGO = Date.UTC(2024, 5, 1);
const ENDED_RECENTLY = Date.UTC(2025, 5, 1);
const BULK = RETENTION_CHUNK + 5;

let f: FixtureTenant;
const C = {
  customer: 'cus_ret_c',
  oldCase: 'case_ret_c1',
  openCase: 'case_ret_c2',
  oldAccount: 'acc_ret_c1',
  openAccount: 'acc_ret_c2',
};
const bulkIds = Array.from({ length: BULK }, (_, i) => String(i).padStart(3, '0'));

async function rowsOf(table: string): Promise<Row[]> {
  const key =
    table === 'visit_outcomes'
      ? 'visit_id'
      : table === 'delinquency_snapshots'
        ? 'account_id, sequence'
        : 'id';
  return (
    await env.DB.prepare(`SELECT * FROM ${table} WHERE tenant_id = ? ORDER BY ${key}`)
      .bind(f.tenantId)
      .all<Row>()
  ).results;
}

async function snapshot(): Promise<Record<string, Row[]>> {
  const tables = [...Object.keys(COLUMNS), ...Object.keys(UNTOUCHED)];
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await rowsOf(table)])));
}

async function objectExists(key: string) {
  return (await env.EVIDENCE.head(key)) !== null;
}

beforeAll(async () => {
  f = await createFixtureTenant('ret');
  const db = env.DB;
  const keyA = `${f.tenantId}/${f.caseA}/evd_ret_a`;
  const keyB = `${f.tenantId}/${f.caseB}/evd_ret_b`;
  await Promise.all([env.EVIDENCE.put(keyA, 'photo of A'), env.EVIDENCE.put(keyB, 'photo of B')]);
  const evidence = db.prepare(
    `INSERT INTO evidence (id, tenant_id, case_id, visit_id, kind, media_type, size_bytes, sha256, object_key, status, created_by_key_id, created_at, stored_at)
     VALUES (?, ?, ?, ?, 'photo', 'image/jpeg', 10, ?, ?, 'stored', ?, 1, 2)`,
  );
  const outcome = db.prepare(
    `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, agent_id, contact_result, local_date, region_id, bucket, checklist, hardship, willingness, satisfaction, evidence, notes, recorded_at, check_in_far)
     VALUES (?, ?, ?, ?, 'customer_met', '2024-05-20', 'reg_futian', 'M2', '[{"item":"show_staff_id","confirmed":true}]', '["illness"]', 4, 5, ?, ?, 1, 0)`,
  );
  const statements: D1PreparedStatement[] = [
    // Customer A: one case, closed long ago; every personal field filled in.
    db
      .prepare(
        `UPDATE customers SET email = 'wang@example.com', language = 'zh', time_zone = 'Asia/Shanghai',
         flags = '{"vulnerability":{"kind":"health"}}', credit_history = '{"pastDelinquencies":2}' WHERE id = ?`,
      )
      .bind(f.customerA),
    db.prepare(`UPDATE cases SET status = 'closed', ended_at = ? WHERE id = ?`).bind(ENDED_LONG_AGO, f.caseA),
    db.prepare(`UPDATE cases SET status = 'closed', ended_at = ? WHERE id = ?`).bind(ENDED_RECENTLY, f.caseB),
    ...[f.visitA1, f.visitA2].map((visitId) =>
      db
        .prepare(
          `UPDATE visits SET status = 'completed', checked_in_at = 1, check_in_lat = 22.541, check_in_lon = 114.052,
           check_in_received_at = 1, check_in_distance_m = 120, dossier = '{"customer":{"name":"Wang Fang","addressLines":["1 Shennan Rd"]}}'
         WHERE id = ?`,
        )
        .bind(visitId),
    ),
    evidence.bind('evd_ret_a', f.tenantId, f.caseA, f.visitA1, 'a'.repeat(64), keyA, f.keyIds.agent),
    evidence.bind('evd_ret_b', f.tenantId, f.caseB, f.visitA2, 'b'.repeat(64), keyB, f.keyIds.agent2),
    outcome.bind(
      f.visitA1,
      f.tenantId,
      f.caseA,
      f.agentA1,
      '[{"evidenceId":"evd_ret_a"},"receipt handed to Mrs Wang"]',
      'Mrs Wang lost her job in May',
    ),
    outcome.bind(
      f.visitA2,
      f.tenantId,
      f.caseB,
      f.agentA2,
      '[{"evidenceId":"evd_ret_b"}]',
      'Mr Li will pay on Friday',
    ),
    ...[
      ['ovr_ret_a', f.visitA1, 'Mrs Wang asked us to come on Tuesday'],
      ['ovr_ret_b', f.visitA2, 'Mr Li asked us to come on Monday'],
    ].map(([id, visitId, reason]) =>
      db
        .prepare(
          `INSERT INTO compliance_overrides (id, tenant_id, visit_id, rule, supervisor_key_id, reason, created_at) VALUES (?, ?, ?, 'cooldown', ?, ?, 1)`,
        )
        .bind(id, f.tenantId, visitId, f.keyIds.supervisor, reason),
    ),
    ...[
      ['aud_ret_1', 'visit', f.visitA1, 'Mrs Wang asked us to come on Tuesday'],
      ['aud_ret_2', 'case', f.caseA, 'called Mrs Wang at work'],
      ['aud_ret_3', 'visit', f.visitA2, 'Mr Li asked us to come on Monday'],
      ['aud_ret_4', 'api_key', f.keyIds.analyst, 'contractor left'],
    ].map(([id, type, subject, reason]) =>
      db
        .prepare(
          `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, reason, data)
         VALUES (?, ?, 1, ?, 'supervisor', 'test.recorded', ?, ?, ?, '{"rule":"cooldown"}')`,
        )
        .bind(id, f.tenantId, f.keyIds.supervisor, type, subject, reason),
    ),
    db
      .prepare(
        `INSERT INTO promises (id, tenant_id, case_id, visit_id, amount, currency, promised_date, due_at, status, created_at) VALUES ('ptp_ret_a', ?, ?, ?, 50000, 'CNY', '2024-05-30', 2, 'kept', 1)`,
      )
      .bind(f.tenantId, f.caseA, f.visitA1),
    db
      .prepare(
        `INSERT INTO payments (id, tenant_id, account_id, case_id, external_ref, amount, currency, paid_at, received_at) VALUES ('pay_ret_a', ?, 'acc_ret_a', ?, 'P-1', 50000, 'CNY', 2, 2)`,
      )
      .bind(f.tenantId, f.caseA),
    db
      .prepare(
        `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest, overdue_fees, currency, bucket, received_at) VALUES (?, 'acc_ret_a', 1, '2024-05-01', 45, 320000, 0, 0, 'CNY', 'M2', 1)`,
      )
      .bind(f.tenantId),
    db
      .prepare(
        `INSERT INTO contact_attempts (id, tenant_id, case_id, customer_id, channel, reached, at, recorded_by_key_id, created_at) VALUES ('cta_ret_a', ?, ?, ?, 'call', 1, 1, ?, 1)`,
      )
      .bind(f.tenantId, f.caseA, f.customerA, f.keyIds.agent),
    // Customer C: one case closed long ago (its personal data goes), one still open (the customer stays).
    db
      .prepare(
        `INSERT INTO customers (id, tenant_id, external_ref, name, phone, address_line, lat, lon, source_updated_at, created_at, updated_at)
       VALUES (?, ?, 'C-REF', 'Zhang Min', '+8613900000000', '9 Binhe Ave', 22.53, 114.06, 0, 0, 0)`,
      )
      .bind(C.customer, f.tenantId),
    ...[
      [C.oldAccount, C.oldCase, 'closed', Date.UTC(2023, 0, 1)],
      [C.openAccount, C.openCase, 'open', null],
    ].map(([account, kase, status, endedAt]) =>
      db
        .prepare(
          `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, opened_at, ended_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'M1', 20, 1000, 1000, 'CNY', 0, ?, 0)`,
        )
        .bind(kase, f.tenantId, C.customer, account, status, endedAt),
    ),
    ...[C.oldAccount, C.openAccount].map((account) =>
      db
        .prepare(
          `INSERT INTO accounts (id, tenant_id, customer_id, external_ref, kind, product, currency, limit_or_principal, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'credit_card', 'card', 'CNY', 100000, 'delinquent', 0, 0)`,
        )
        .bind(account, f.tenantId, C.customer, `ACC-${account}`),
    ),
    // The fixture's account of customer A (`acc_ret_a`) was closed with its case.
    db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = 'acc_ret_a'`),
    // More closed customers than one chunk erases.
    ...bulkIds.flatMap((n) => [
      db
        .prepare(
          `INSERT INTO customers (id, tenant_id, external_ref, name, phone, source_updated_at, created_at, updated_at) VALUES (?, ?, ?, ?, '+8613700000000', 0, 0, 0)`,
        )
        .bind(`cus_ret_bulk${n}`, f.tenantId, `BULK-${n}`, `Customer ${n}`),
      db
        .prepare(
          `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, opened_at, ended_at, updated_at)
         VALUES (?, ?, ?, ?, 'cured', 'M1', 0, 0, 1000, 'CNY', 0, ?, 0)`,
        )
        .bind(`case_ret_bulk${n}`, f.tenantId, `cus_ret_bulk${n}`, `acc_ret_bulk${n}`, Date.UTC(2022, 0, 1)),
    ]),
  ];
  await db.batch(statements);
});

/** Plays the queue: the run's chunks until it completes, as the consumer would; returns how many ran. */
async function drive(day: string, at: number): Promise<number> {
  for (let chunks = 0; chunks < 10; chunks++) {
    const run = await env.DB.prepare(
      'SELECT status, after_case_id FROM retention_runs WHERE tenant_id = ? AND day = ?',
    )
      .bind(f.tenantId, day)
      .first<{ status: string; after_case_id: string | null }>();
    if (run?.status !== 'running') return chunks;
    await handleRetentionRun(
      { type: 'retention.run', v: 1, tenantId: f.tenantId, day, afterCaseId: run.after_case_id },
      { env, d1: env.DB, ports: clock(at) },
    );
  }
  throw new Error('retention run did not finish');
}

describe('the daily retention job', () => {
  it('classifies every column of every table it touches as erased or kept', async () => {
    for (const [table, contract] of Object.entries(COLUMNS)) {
      const { results } = await env.DB.prepare(`SELECT name FROM pragma_table_info('${table}')`).all<{
        name: string;
      }>();
      const classified = [...Object.keys(contract.erased), ...Object.keys(contract.kept)];
      expect(classified.sort(), table).toEqual(results.map((column) => column.name).sort());
    }
  });

  it('erases the personal data of cases closed longer ago than the pack keeps records, and nothing else', async () => {
    const before = await snapshot();
    const tick = await startRetentionRuns({ env, d1: env.DB }, clock(NOW));
    expect(tick.started).toEqual([f.tenantId]);
    // A second tick the same day, or a second isolate, starts nothing.
    expect((await startRetentionRuns({ env, d1: env.DB }, clock(NOW + 60_000))).started).toEqual([]);
    expect(await drive('2026-12-05', NOW)).toBe(2);
    const after = await snapshot();

    const dueCases = new Set([f.caseA, C.oldCase, ...bulkIds.map((n) => `case_ret_bulk${n}`)]);
    const dueVisits = new Set([f.visitA1]);
    const dueCustomers = new Set([f.customerA, ...bulkIds.map((n) => `cus_ret_bulk${n}`)]);
    const dueAccounts = new Set(['acc_ret_a', C.oldAccount]);
    const erasedRow: Record<string, (row: Row) => boolean> = {
      customers: (row) => dueCustomers.has(row.id as string),
      accounts: (row) => dueAccounts.has(row.id as string),
      cases: (row) => dueCases.has(row.id as string),
      visits: (row) => dueCases.has(row.case_id as string),
      visit_outcomes: (row) => dueCases.has(row.case_id as string),
      evidence: (row) => dueCases.has(row.case_id as string),
      compliance_overrides: (row) => dueVisits.has(row.visit_id as string),
      audit_log: (row) =>
        (row.subject_type === 'case' && dueCases.has(row.subject_id as string)) ||
        (row.subject_type === 'visit' && dueVisits.has(row.subject_id as string)),
    };
    /** Columns the job sets on an erased row besides the erased ones. */
    const stamped: Record<string, Row> = {
      customers: { erased_at: NOW },
      accounts: { erased_at: NOW },
      cases: { erased_at: NOW },
      evidence: { erased_at: NOW },
    };
    for (const [table, contract] of Object.entries(COLUMNS)) {
      const afterById = new Map(after[table]!.map((row) => [JSON.stringify(row.id ?? row.visit_id), row]));
      for (const old of before[table]!) {
        const now = afterById.get(JSON.stringify(old.id ?? old.visit_id));
        expect(now, `${table} row kept`).toBeDefined();
        if (!erasedRow[table]!(old)) {
          expect(now, `${table} ${old.id ?? old.visit_id} is not due: untouched`).toEqual(old);
          continue;
        }
        const expected: Row = { ...old, ...stamped[table] };
        for (const [column, value] of Object.entries(contract.erased))
          expected[column] = typeof value === 'function' ? (value as (row: Row) => unknown)(old) : value;
        expect(now, `${table} ${old.id ?? old.visit_id}`).toEqual(expected);
      }
    }
    for (const table of Object.keys(UNTOUCHED)) expect(after[table], table).toEqual(before[table]);

    // The evidence objects of the erased case are gone from R2; the others stay.
    expect(await objectExists(`${f.tenantId}/${f.caseA}/evd_ret_a`)).toBe(false);
    expect(await objectExists(`${f.tenantId}/${f.caseB}/evd_ret_b`)).toBe(true);
    // Customer C keeps everything while a case of theirs is open; the open case's account too.
    expect(after.customers!.find((row) => row.id === C.customer)).toMatchObject({
      name: 'Zhang Min',
      erased_at: null,
    });
    expect(after.accounts!.find((row) => row.id === C.openAccount)).toMatchObject({
      external_ref: `ACC-${C.openAccount}`,
    });

    // Every erasure audited as the system's act, with the period that allowed it.
    const audit = await env.DB.prepare(
      `SELECT action, subject_id, actor_role, data FROM audit_log WHERE tenant_id = ? AND action LIKE 'retention.%'`,
    )
      .bind(f.tenantId)
      .all<{ action: string; subject_id: string; actor_role: string; data: string }>();
    const erasedCases = audit.results.filter((row) => row.action === 'retention.erased');
    expect(new Set(erasedCases.map((row) => row.subject_id))).toEqual(dueCases);
    expect(
      new Set(
        audit.results
          .filter((row) => row.action === 'retention.customer-erased')
          .map((row) => row.subject_id),
      ),
    ).toEqual(dueCustomers);
    expect(audit.results.every((row) => row.actor_role === 'system')).toBe(true);
    expect(JSON.parse(erasedCases.find((row) => row.subject_id === f.caseA)!.data)).toEqual({
      endedAt: ENDED_LONG_AGO,
      runDay: '2026-12-05',
      retentionYears: 2,
      cutoff: Date.UTC(2024, 11, 5, 3, 0),
      evidenceErased: 1,
    });
    const run = await env.DB.prepare(
      'SELECT status, erased_cases FROM retention_runs WHERE tenant_id = ? AND day = ?',
    )
      .bind(f.tenantId, '2026-12-05')
      .first();
    expect(run).toEqual({ status: 'completed', erased_cases: dueCases.size });
  });

  it('a redelivered chunk changes nothing, and the next day finds nothing more to erase', async () => {
    const before = await snapshot();
    await handleRetentionRun(
      { type: 'retention.run', v: 1, tenantId: f.tenantId, day: '2026-12-05', afterCaseId: null },
      { env, d1: env.DB, ports: clock(NOW + 1_000) },
    );
    expect(await snapshot()).toEqual(before);
    const nextDay = NOW + 24 * 3_600_000;
    expect((await startRetentionRuns({ env, d1: env.DB }, clock(nextDay))).started).toEqual([f.tenantId]);
    expect(await drive('2026-12-06', nextDay)).toBe(1);
    const after = await snapshot();
    expect(after.audit_log!.length).toBe(before.audit_log!.length);
    expect(after).toEqual(before);
  });

  it('walks ended cases by an index, without scanning the tenant’s cases', async () => {
    const { results } = await env.DB.prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM cases
       WHERE tenant_id = ?1 AND id > ?2 AND ended_at IS NOT NULL AND erased_at IS NULL AND ended_at <= ?3
       ORDER BY id LIMIT ?4`,
    )
      .bind(f.tenantId, '', NOW, 50)
      .all<{ detail: string }>();
    expect(results.map((row) => row.detail).join(' | ')).toMatch(
      /USING (COVERING )?INDEX cases_retention_idx/,
    );
  });
});
