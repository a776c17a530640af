/**
 * Moves a tenant to another D1 database (shard) while the Worker keeps serving it: asks the directory
 * for the move, then follows it to the end and prints, table by table, the rows and checksums of the
 * source and of the copy read back from the target. The Worker does the work (docs/scaling.md): it
 * freezes the tenant's rows (partner writes get 503 and retry, intake deliveries are held and
 * answered 202, jobs wait), copies them in short statements, verifies counts and checksums, switches
 * the directory, replays the held deliveries in order, and deletes the old copy. A copy that does not
 * verify is aborted and the tenant stays where it was. Keys, intake URL and secrets do not change.
 *
 * Usage: pnpm tsx scripts/admin/move-tenant.ts --tenant ten_… --to DB_1 [--drain-seconds 10] [--remote]
 *          [--url http://127.0.0.1:8787]   (local `wrangler dev`: run its cron now and then, as Cloudflare does)
 *        pnpm tsx scripts/admin/move-tenant.ts --status mov_… [--remote]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { moveStatusSql, requestMoveSql } from '@doorstep/api/shards/move/request';
import { executeD1 } from './d1-execute';
import { queryD1, readShards, shardOf } from './shards';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    to: { type: 'string' },
    'drain-seconds': { type: 'string', default: '10' },
    status: { type: 'string' },
    url: { type: 'string' },
    remote: { type: 'boolean', default: false },
  },
});

const remote = values.remote ?? false;
const shards = readShards();

interface Tally {
  rows: number;
  checksum: string;
}
interface MoveRow {
  id: string;
  tenant_id: string;
  from_shard: string;
  to_shard: string;
  status: string;
  report: string;
  error: string | null;
}

function moveOf(moveId: string): MoveRow {
  const [row] = queryD1<MoveRow>(moveStatusSql(moveId), { remote, binding: shards.directory });
  if (!row) throw new Error(`no move ${moveId}`);
  return row;
}

function printReport(move: MoveRow): void {
  const report = JSON.parse(move.report) as {
    source?: Record<string, Tally>;
    target?: Record<string, Tally>;
    mismatches?: string[];
    replayed?: number;
    skipped?: string[];
  };
  console.log(`\nMove ${move.id}: ${move.tenant_id} ${move.from_shard} → ${move.to_shard}: ${move.status}`);
  if (move.error) console.log(`  ${move.error}`);
  const tables = [
    ...new Set([...Object.keys(report.source ?? {}), ...Object.keys(report.target ?? {})]),
  ].sort();
  if (tables.length > 0) {
    console.log(
      `  ${'table'.padEnd(28)} ${'source rows'.padStart(11)} ${'target rows'.padStart(11)}  checksums`,
    );
    for (const table of tables) {
      const source = report.source?.[table];
      const target = report.target?.[table];
      const same = source?.rows === target?.rows && source?.checksum === target?.checksum;
      console.log(
        `  ${table.padEnd(28)} ${String(source?.rows ?? 0).padStart(11)} ${String(target?.rows ?? '…').padStart(11)}  ${source?.checksum ?? '-'} ${target ? (same ? '=' : '≠') : ''}`,
      );
    }
  }
  if (report.replayed !== undefined) console.log(`  held intake deliveries replayed: ${report.replayed}`);
  if (report.skipped?.length)
    console.log(`  tables without tenant rows, left alone: ${report.skipped.join(', ')}`);
}

/** Locally nothing runs the minute cron; the script does, so the move starts and a stalled step resumes. */
async function runLocalCron(): Promise<void> {
  if (!values.url) return;
  await fetch(`${values.url}/cdn-cgi/local/scheduled`).catch(() => undefined);
}

async function follow(moveId: string): Promise<MoveRow> {
  let last = '';
  for (;;) {
    const move = moveOf(moveId);
    if (move.status !== last) {
      console.log(`${new Date().toISOString()} ${move.status}`);
      last = move.status;
    }
    if (move.status === 'done' || move.status === 'failed') return move;
    await runLocalCron();
    await new Promise((resume) => setTimeout(resume, 5_000));
  }
}

if (values.status) {
  printReport(moveOf(values.status));
  process.exit(0);
}

const problems: string[] = [];
if (!values.tenant || !/^ten_[A-Za-z0-9_-]{1,60}$/.test(values.tenant))
  problems.push('--tenant must be a tenant id');
if (!values.to || !shards.names.includes(values.to))
  problems.push(`--to must be one of SHARDS: ${shards.names.join(', ')}`);
const drainSeconds = Number(values['drain-seconds']);
if (!Number.isInteger(drainSeconds) || drainSeconds < 0 || drainSeconds > 600)
  problems.push('--drain-seconds must be 0–600');
if (problems.length === 0 && shardOf(values.tenant!, shards, remote) === values.to)
  problems.push(`${values.tenant} already lives on ${values.to}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(2);
}

const moveId = `mov_${randomBytes(10).toString('hex')}`;
const requested = executeD1(
  requestMoveSql({
    moveId,
    tenantId: values.tenant!,
    toShard: values.to!,
    directoryShard: shards.directory,
    drainMs: drainSeconds * 1000,
    now: Date.now(),
  }),
  { remote, binding: shards.directory },
);
if (requested.status !== 0) {
  console.error('The move was not requested (is another move of this tenant still open?).');
  process.exit(requested.status);
}
console.log(`Move ${moveId} requested; the Worker's cron starts it within a minute. Following it…`);
const move = await follow(moveId);
printReport(move);
process.exit(move.status === 'done' ? 0 : 1);
