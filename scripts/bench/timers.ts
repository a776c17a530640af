/**
 * `pnpm bench:timers`: the cron's timer sweep over 1,000,000 pending timers in local D1.
 *
 * Builds a throwaway local D1 (wrangler's own SQLite file, migrations applied by wrangler), bulk-loads
 * timers spread over 120 days plus the other states a live table holds, then runs the sweep's own SQL
 * (`SWEEP_SQL`, the statements the worker prepares) through workerd's D1 with
 * `wrangler d1 execute --local --json`, recording D1's reported `duration` and `EXPLAIN QUERY PLAN`.
 * Wrangler's process start-up is not counted: the figure is D1's time on the sweep's SQL.
 *
 * Options: --timers N (default 1000000), --repeat N (default 3).
 */
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { SWEEP_SQL } from '../../workers/api/src/follow-ups/sweep-sql';
import { defaultTimerTiming } from '../../workers/api/src/follow-ups/timing';
import { createLocalD1, type Executed } from './local-d1';

const { values } = parseArgs({
  options: { timers: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '3' } },
});
const pendingTimers = Number(values.timers);
const repeat = Number(values.repeat);

const localD1 = createLocalD1('timers');

const now = Date.parse('2027-01-01T02:00:00Z');
const day = 86_400_000;
const span = 120 * day;

function load(file: string) {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN');
  const insert = db.prepare(
    `INSERT INTO follow_up_timers (id, tenant_id, case_id, kind, due_at, state, attempts, lease_until, idempotency_key, payload, reason, created_at, updated_at)
     VALUES (?, ?, ?, 'revisit', ?, ?, ?, ?, ?, '{}', '{"code":"bench","data":{},"message":"bench"}', ?, ?)`,
  );
  const row = (i: number, state: string, dueAt: number, attempts: number, lease: number | null) => {
    const id = `fu_${i.toString(36).padStart(8, '0')}`;
    insert.run(
      id,
      `ten_${i % 7}`,
      `case_${i % 250_000}`,
      dueAt,
      state,
      attempts,
      lease,
      id,
      now - day,
      now - day,
    );
  };
  // Pending timers spread evenly over the next 120 days, in shuffled insertion order (as real traffic).
  for (let i = 0; i < pendingTimers; i++)
    row(i, 'pending', now + ((i * 7_919) % pendingTimers) * (span / pendingTimers), 0, null);
  let next = pendingTimers;
  // The history a live table carries: done and cancelled timers behind `now`, a few in flight.
  for (let i = 0; i < pendingTimers / 2; i++)
    row(next++, i % 5 === 0 ? 'cancelled' : 'done', now - (i % 120) * day, 1, null);
  for (let i = 0; i < 500; i++)
    row(next++, 'enqueued', now + i * 1_000, 0, now + i * 1_000 + defaultTimerTiming.enqueueGraceMs);
  for (let i = 0; i < 50; i++) row(next++, 'claimed', now - i * 60_000, 1, now - 1); // leases ran out: the sweep re-sends these
  const delivery = db.prepare(
    `INSERT INTO webhook_deliveries (id, tenant_id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
     VALUES (?, 'ten_1', 'whs_1', ?, 'promise.kept', '{}', ?, 1, ?, ?)`,
  );
  for (let i = 0; i < 200_000; i++) {
    const pending = i % 100 === 0;
    delivery.run(
      `whd_${i}`,
      `evt_${i}`,
      pending ? 'pending' : 'delivered',
      pending ? now + (i % 2000) * 60_000 : null,
      now - day,
    );
  }
  db.exec('COMMIT; ANALYZE');
  db.close();
  return next;
}

const inline = (sql: string, params: readonly number[]) =>
  sql.replace(/\?(\d+)/g, (_, n: string) => String(params[Number(n) - 1]));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const file = localD1.sqliteFile;
const loadStarted = performance.now();
const totalRows = load(file);
console.log(
  `Loaded ${totalRows} timers (${pendingTimers} pending) in ${Math.round(performance.now() - loadStarted)} ms`,
);

const queries = {
  dueTimers: inline(SWEEP_SQL.dueTimers, [now + defaultTimerTiming.horizonMs, defaultTimerTiming.batchLimit]),
  expiredTimers: inline(SWEEP_SQL.expiredTimers, [now, defaultTimerTiming.batchLimit]),
  dueDeliveries: inline(SWEEP_SQL.dueDeliveries, [now, defaultTimerTiming.batchLimit]),
  // After a day without cron ticks: the sweep takes a full batch (`batchLimit` rows) from the range.
  dueTimersBacklog: inline(SWEEP_SQL.dueTimers, [now + day, defaultTimerTiming.batchLimit]),
};
const report: Record<string, { medianMs: number; runsMs: number[]; rows: number; queryPlan: string[] }> = {};
for (const [name, sql] of Object.entries(queries)) {
  const runsMs: number[] = [];
  let last: Executed | undefined;
  for (let i = 0; i < repeat; i++) {
    last = localD1.execute(sql);
    runsMs.push(Number(last.meta.duration.toFixed(2)));
  }
  const queryPlan = localD1.execute(`EXPLAIN QUERY PLAN ${sql}`).results.map((r) => String(r.detail));
  report[name] = {
    medianMs: median(runsMs),
    runsMs,
    rows: last?.results.length ?? 0,
    queryPlan,
  };
  console.log(name, report[name]);
}

// The sweep's write: one guarded UPDATE per 90 ids, moving the due rows to `enqueued` (timed once: it changes them).
const dueIds = localD1.execute(queries.dueTimers).results.map((r) => `'${String(r.id)}'`);
let updateMs = 0;
for (let i = 0; i < dueIds.length; i += 90) {
  const chunk = dueIds.slice(i, i + 90).join(',');
  updateMs += localD1.execute(
    `UPDATE follow_up_timers SET state = 'enqueued', lease_until = max(due_at, ${now}) + ${defaultTimerTiming.enqueueGraceMs}, updated_at = ${now}
     WHERE id IN (${chunk}) AND state = 'pending' AND due_at <= ${now + defaultTimerTiming.horizonMs} RETURNING id, tenant_id, due_at`,
  ).meta.duration;
}
const tableScans = Object.values(report)
  .flatMap((r) => r.queryPlan)
  .filter((d) => /^SCAN /.test(d));
const sweepMs = Number(
  ((report.dueTimers?.medianMs ?? 0) + (report.expiredTimers?.medianMs ?? 0) + updateMs).toFixed(2),
);
const result = {
  pendingTimers,
  totalTimers: totalRows,
  dueInHorizon: dueIds.length,
  horizonMinutes: defaultTimerTiming.horizonMs / 60_000,
  sweepMs,
  markEnqueuedMs: Number(updateMs.toFixed(2)),
  queryPlan: Object.fromEntries(Object.entries(report).map(([name, r]) => [name, r.queryPlan])),
  queries: report,
  tableScans,
  measuredAt: new Date().toISOString(),
};
localD1.finish('timers', result);
console.log(`sweep ${sweepMs} ms over ${pendingTimers} pending timers; table scans: ${tableScans.length}`);
if (tableScans.length > 0) process.exitCode = 1;
