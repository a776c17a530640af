import { DatabaseSync } from 'node:sqlite';
import { cohortChunkStatement, portfolioChunkStatement, rollChunkStatement } from '../../workers/api/src/reports/rollups/cohort-sql';
import { effectChunkStatement } from '../../workers/api/src/reports/rollups/effect-sql';
import { cohortFrame } from '../../workers/api/src/reports/rollups/runs';
const file = process.env.DBF!;
const size = Number(process.env.SIZE ?? 1000);
const db = new DatabaseSync(file);
const frame = cohortFrame({ period: '2026-09-30', timeZone: 'Asia/Shanghai' });
const through = (db.prepare(`SELECT external_ref AS k FROM accounts WHERE tenant_id='ten_bench' AND external_ref > 'A0005000' ORDER BY external_ref LIMIT 1 OFFSET ${size - 1}`).get() as {k: string}).k;
const chunk = { tenantId: 'ten_bench', runId: 'r1', monthEnd: '2026-09-30', monthEnds: frame.monthEnds, afterMonthEndMs: frame.afterMonthEndMs, afterHorizonMs: frame.afterHorizonMs, afterRef: 'A0005000', throughRef: through, segments: frame.segments };
const caseThrough = (db.prepare(`SELECT case_id AS k FROM experiment_assignments WHERE tenant_id='ten_bench' AND experiment_id='exp_bench' AND case_id > 'case_0005000' ORDER BY case_id LIMIT 1 OFFSET ${size * 2 - 1}`).get() as {k: string}).k;
const effect = effectChunkStatement({ tenantId: 'ten_bench', runId: 'r2', experimentId: 'exp_bench', afterMonthEndMs: frame.afterMonthEndMs, afterHorizonMs: frame.afterHorizonMs, afterCaseId: 'case_0005000', throughCaseId: caseThrough, segments: frame.segments });
const toSqlite = (q: { sql: string; binds: unknown[] }) => ({ sql: q.sql.replace(/\?(\d+)/g, '?$1'), binds: q.binds });
for (const [name, q] of [['cohort', cohortChunkStatement(chunk)], ['portfolio', portfolioChunkStatement(chunk)], ['roll', rollChunkStatement(chunk)], ['effect', effect]] as const) {
  db.exec('BEGIN');
  const s = db.prepare(q.sql);
  const t0 = performance.now();
  const r = s.run(...(q.binds.map((b) => (typeof b === "number" && Number.isInteger(b) ? BigInt(b) : b)) as (string | bigint | null)[]));
  const ms = performance.now() - t0;
  db.exec('ROLLBACK');
  console.log(name, ms.toFixed(1), 'ms', r.changes, 'rows');
  if (process.env.PLAN) for (const row of db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.binds as (string | number | null)[])) as {detail: string}[]) console.log('   ', row.detail);
}
