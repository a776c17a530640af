import { DatabaseSync } from 'node:sqlite';
import { activityRebuildStep, activityStepsPerDay } from '../../workers/api/src/reports/rollups/activity-sql';
import { addDays } from '@doorstep/core';
const db = new DatabaseSync(process.env.DBF!);
const month = process.env.MONTH ?? '2026-05';
const days = Number(process.env.DAYS ?? 31);
const kinds = new Map<string, { n: number; max: number; total: number }>();
let day = `${month}-01`;
for (let d = 0; d < days; d++, day = addDays(day, 1)) {
  for (let step = 0; step < activityStepsPerDay; step++) {
    db.exec('BEGIN');
    for (const q of activityRebuildStep('ten_bench', day, step)) {
      const t0 = performance.now();
      db.prepare(q.sql).run(...(q.binds as string[]));
      const ms = performance.now() - t0;
      const key = `${step}:${q.sql.replace(/\s+/g, ' ').slice(0, 70)}`;
      const e = kinds.get(key) ?? { n: 0, max: 0, total: 0 };
      e.n++; e.max = Math.max(e.max, ms); e.total += ms;
      kinds.set(key, e);
    }
    db.exec('COMMIT');
  }
}
for (const [k, e] of [...kinds].sort((a, b) => b[1].max - a[1].max).slice(0, 25)) console.log(e.max.toFixed(1).padStart(7), (e.total / e.n).toFixed(1).padStart(6), k);
