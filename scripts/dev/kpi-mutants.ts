/**
 * `pnpm test:kpi-mutants`: shows that the KPI property test (`workers/api/test/reports.property.test.ts`)
 * catches deliberate bugs in the rollup SQL. Each mutant changes one rule in one file — a query, a trigger
 * of the migration, the bucket `CASE`, the window planning — runs the property test, and puts the file back.
 * A mutant the test does not catch is reported as SURVIVED and the command fails.
 *
 * Slow by design (one workerd test run per mutant): run it after changing the rollup SQL, not in `check`.
 * Options: the indexes of the mutants to run (all by default).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

interface Mutant {
  bug: string;
  file: string;
  from: string;
  to: string;
  /** Which occurrence to change: the first, or the last. */
  at?: 'first' | 'last';
}

const mutants: Mutant[] = [
  {
    bug: 'cure: a DPD of 1 counts as cured',
    file: 'workers/api/src/reports/rollups/cohort-sql.ts',
    from: 'AND x.dpd = 0 AND x.as_of > ?2',
    to: 'AND x.dpd <= 1 AND x.as_of > ?2',
  },
  {
    bug: 'recovery: each payment capped alone, not the running total',
    file: 'workers/api/src/reports/rollups/cohort-sql.ts',
    from: 'MIN(overdue, running) - MIN(overdue, running - amount)',
    to: 'MIN(overdue, amount)',
  },
  {
    bug: 'portfolio: the lowest sequence of a date wins',
    file: 'workers/api/src/reports/rollups/cohort-sql.ts',
    from: 'AND y.as_of = x.as_of AND y.sequence > x.sequence',
    to: 'AND y.as_of = x.as_of AND y.sequence < x.sequence',
  },
  {
    bug: 'bucket SQL: every boundary a day early',
    file: 'workers/api/src/reports/rollups/bucket-sql.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template in the source file
    from: 'WHEN ${dpd} <= ${range.maxDpd}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template in the source file
    to: 'WHEN ${dpd} < ${range.maxDpd}',
  },
  {
    bug: 'trigger: a refusal counts as a right-party contact',
    file: 'workers/api/migrations/0034_activity_rollups.sql',
    from: "(NEW.`contact_result` = 'customer_met')",
    to: "(NEW.`contact_result` IN ('customer_met', 'refused'))",
  },
  {
    bug: 'trigger: every outcome opens a new agent-day',
    file: 'workers/api/migrations/0034_activity_rollups.sql',
    from: 'NOT EXISTS (SELECT 1 FROM `agent_day_facts` x',
    to: '1 OR NOT EXISTS (SELECT 1 FROM `agent_day_facts` x',
  },
  {
    bug: 'trigger: a partly kept promise counts as kept once settled',
    file: 'workers/api/migrations/0034_activity_rollups.sql',
    from: "(NEW.`status` = 'kept')",
    to: "(NEW.`status` IN ('kept', 'partly_kept'))",
    at: 'last',
  },
  {
    bug: 'rebuild: a score of 5 counted as 4',
    file: 'workers/api/src/reports/rollups/activity-sql.ts',
    from: 'SUM(satisfaction IS 5)',
    to: 'SUM(satisfaction IS 4)',
  },
  {
    bug: 'windows: the days after the last whole week end a day early',
    file: 'workers/api/src/reports/rollups/ranges.ts',
    from: "ranges.push({ grain: 'd', from: addDays(end, 1), to });",
    to: "ranges.push({ grain: 'd', from: addDays(end, 1), to: addDays(to, -1) });",
  },
  {
    bug: "overdue rate: the day's own changes left out",
    file: 'workers/api/src/reports/rollups/cohort-sql.ts',
    from: 'WHERE run_id = ?1 AND day <= ?2',
    to: 'WHERE run_id = ?1 AND day < ?2',
  },
  {
    bug: 'local dates: the offset after a DST change used before it',
    file: 'workers/api/src/reports/rollups/local-date-sql.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template in the source file
    from: 'THEN ${segments[i]!.offsetMs}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template in the source file
    to: 'THEN ${segments[i + 1]!.offsetMs}',
  },
  {
    bug: 'cost per cured case: cured and visited once either happened',
    file: 'workers/api/src/reports/rollups/cohort-sql.ts',
    from: 'MAX(cured_on, visited_on)',
    to: 'MIN(cured_on, visited_on)',
  },
];

const only = process.argv.slice(2).map(Number);
let survived = 0;
for (const [index, mutant] of mutants.entries()) {
  if (only.length > 0 && !only.includes(index)) continue;
  const path = join(root, mutant.file);
  const original = readFileSync(path, 'utf8');
  const at = mutant.at === 'last' ? original.lastIndexOf(mutant.from) : original.indexOf(mutant.from);
  if (at < 0) throw new Error(`mutant ${index}: "${mutant.from}" is not in ${mutant.file} any more`);
  writeFileSync(path, original.slice(0, at) + mutant.to + original.slice(at + mutant.from.length));
  try {
    const run = spawnSync(
      'npx',
      ['vitest', 'run', '--project', 'api', 'workers/api/test/reports.property.test.ts'],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const caught = run.status !== 0;
    if (!caught) survived += 1;
    const first = /(\S+ by \[[^\]]*\] over [\d-]+…[\d-]+)/.exec(`${run.stdout}${run.stderr}`)?.[1];
    console.log(
      `[${index}] ${caught ? 'CAUGHT  ' : 'SURVIVED'} ${mutant.bug}${first ? `  (first mismatch: ${first})` : ''}`,
    );
  } finally {
    writeFileSync(path, original);
  }
}
if (survived > 0) {
  console.error(`${survived} mutant(s) survived: the property test misses those bugs.`);
  process.exitCode = 1;
}
