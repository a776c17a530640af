/**
 * A tenant's move from one shard to another, as a state machine in `directory_moves` advanced one
 * bounded step at a time (by the queue, `tenant.move`; the cron starts and revives moves):
 *
 *   requested → draining → copying → verifying → replaying → cleaning → done
 *
 * - requested: fence the tenant's rows in both databases (`fence.ts`) and mark it `moving` in the
 *   directory: from here partner writes get 503, intake deliveries are held, jobs wait.
 * - draining: give requests already under way `drain_ms` to finish (any that write later hit the fence).
 * - copying: every tenant table, in rowid windows, source → target; the cursor and the source's
 *   counts and checksums are written in the same target batch as the rows they cover.
 * - verifying: read the target's copy back and compare count and checksum per table. Equal: the
 *   directory switches the tenant to the target. Any difference: the move is aborted, the tenant stays.
 * - replaying: unfence where the tenant now lives, replay the held intake there in arrival order, then
 *   let intake flow.
 * - cleaning: delete the tenant's rows from the database it no longer lives in; its fence row stays, so
 *   nothing can write them there again. Then `done` (or `failed`, after an abort).
 */

import { replayHeldDeliveries } from '../../intake/hold';
import type { RuntimePorts } from '../../ports/runtime';
import { directoryDatabase, isShard, shardDatabase } from '../bindings';
import { addRows, EMPTY_TALLY, sameTally, type Tally } from '../checksum';
import { installFence, throughFence } from '../fence';
import { placementOf } from '../placement';
import { type TenantTable, tenantTables } from '../tenant-tables';
import { deleteWindow, hasRowsOf, insertRows, lastRowid, readPage, type Walk, walkDone } from './rows';

export type MoveStatus =
  | 'requested'
  | 'draining'
  | 'copying'
  | 'verifying'
  | 'replaying'
  | 'cleaning'
  | 'done'
  | 'failed';

/** What the operator reads back (scripts/admin/move-tenant.ts prints it). */
export interface MoveReport {
  tables?: TenantTable[];
  /** Tables without tenant rows (global data), left where they are. */
  skipped?: string[];
  /** Per table, the source's rows as copied, and the target's as read back. */
  source?: Record<string, Tally>;
  target?: Record<string, Tally>;
  verify?: { table: number; walk: Walk | null; tallies: Record<string, Tally> };
  mismatches?: string[];
  outcome?: 'moved' | 'aborted';
  /** Held intake deliveries replayed. */
  replayed?: number;
}

interface MoveRow {
  id: string;
  tenant_id: string;
  from_shard: string;
  to_shard: string;
  status: MoveStatus;
  drain_ms: number;
  report: string;
  phase_at: number | null;
  progressed_at: number | null;
}

/** A step holds the move this long at most; a step that dies is taken over after it. */
const LEASE_MS = 60_000;
/** Work per step before it hands over to the next message: well inside a queue invocation's limits. */
export const STEP_BUDGET_MS = 5_000;
/** Delete windows per batch while cleaning. */
const DELETES_PER_BATCH = 8;

const TERMINAL = new Set<MoveStatus>(['done', 'failed']);

export type StepOutcome =
  /** More to do: send the next step after `delaySeconds`, naming `token`. */
  | { kind: 'again'; delaySeconds: number; token: number }
  | { kind: 'finished'; status: 'done' | 'failed' }
  /** Another step holds the move, or this message is stale: drop it. */
  | { kind: 'busy' };

interface Phase {
  status?: MoveStatus;
  report?: MoveReport;
  error?: string;
  delaySeconds?: number;
  /** Directory writes that must commit with the move's new status (the switch). */
  directory?: D1PreparedStatement[];
}

interface Step {
  env: Env;
  ports: RuntimePorts;
  directory: D1Database;
  move: MoveRow;
  report: MoveReport;
  source: D1Database;
  target: D1Database;
  deadline: number;
}

/** A shard's fence row for the tenant: the cursor of the copy (target) or of the clean-up. */
interface FenceCursor {
  table: number;
  stage: 'clear' | 'copy' | 'clean';
  walk: Walk | null;
}

async function readFence(
  d1: D1Database,
  step: Step,
): Promise<{ cursor: FenceCursor | null; tallies: Record<string, Tally> }> {
  const row = await d1
    .prepare('SELECT move_id, cursor, tallies FROM shard_fences WHERE tenant_id = ?')
    .bind(step.move.tenant_id)
    .first<{ move_id: string; cursor: string | null; tallies: string }>();
  if (row?.move_id !== step.move.id)
    throw new Error(`the fence of ${step.move.tenant_id} is not this move's`);
  return { cursor: row.cursor === null ? null : JSON.parse(row.cursor), tallies: JSON.parse(row.tallies) };
}

const saveFence = (
  d1: D1Database,
  tenantId: string,
  cursor: FenceCursor | null,
  tallies?: Record<string, Tally>,
) =>
  d1
    .prepare('UPDATE shard_fences SET cursor = ?2, tallies = coalesce(?3, tallies) WHERE tenant_id = ?1')
    .bind(
      tenantId,
      cursor === null ? null : JSON.stringify(cursor),
      tallies ? JSON.stringify(tallies) : null,
    );

const fenceRow = (d1: D1Database, step: Step, role: 'source' | 'target') =>
  d1
    .prepare(
      `INSERT INTO shard_fences (tenant_id, move_id, role, phase, cursor, tallies, since)
       VALUES (?1, ?2, ?3, 'frozen', NULL, '{}', ?4)
       ON CONFLICT (tenant_id) DO UPDATE SET move_id = excluded.move_id, role = excluded.role,
         phase = 'frozen', cursor = NULL, tallies = '{}', since = excluded.since
       WHERE shard_fences.move_id <> excluded.move_id`,
    )
    .bind(step.move.tenant_id, step.move.id, role, step.ports.now());

/**
 * Freezes the tenant: fence triggers and rows in both databases, `moving` in the directory. Idempotent,
 * and repeated when the drain ends, so a step that died half-way leaves nothing unfenced.
 */
async function freeze(step: Step, tables: readonly TenantTable[]): Promise<void> {
  const { move, directory, source, target } = step;
  await installFence(target, (await tenantTables(target)).tables);
  await fenceRow(target, step, 'target').run();
  await directory
    .prepare(
      `INSERT INTO directory_tenants (tenant_id, shard, state, updated_at) VALUES (?1, ?2, 'moving', ?3)
       ON CONFLICT (tenant_id) DO UPDATE SET state = 'moving', updated_at = excluded.updated_at
       WHERE directory_tenants.shard = excluded.shard`,
    )
    .bind(move.tenant_id, move.from_shard, step.ports.now())
    .run();
  await installFence(source, tables);
  await fenceRow(source, step, 'source').run();
}

async function requested(step: Step): Promise<Phase> {
  const { env, move, source } = step;
  const placement = await placementOf(env, move.tenant_id, step.directory);
  const tenant = await source
    .prepare('SELECT 1 AS found FROM tenants WHERE id = ?')
    .bind(move.tenant_id)
    .first();
  const problem =
    placement.shard !== move.from_shard
      ? `the tenant lives on ${placement.shard}, not ${move.from_shard}`
      : placement.state !== 'active'
        ? `the tenant is ${placement.state}`
        : tenant === null
          ? `no tenant ${move.tenant_id} on ${move.from_shard}`
          : null;
  if (problem) return { status: 'failed', error: problem };
  const { tables, skipped } = await tenantTables(source);
  await freeze(step, tables);
  return { status: 'draining', report: { tables, skipped }, delaySeconds: Math.ceil(move.drain_ms / 1000) };
}

async function draining(step: Step): Promise<Phase> {
  const until = (step.move.phase_at ?? 0) + step.move.drain_ms;
  const now = step.ports.now();
  if (now < until) return { delaySeconds: Math.ceil((until - now) / 1000) };
  await freeze(step, step.report.tables ?? []);
  return { status: 'copying' };
}

/** Source → target, table by table: clear what the target has of the tenant (or its triggers made), then copy. */
async function copying(step: Step): Promise<Phase> {
  const { source, target, ports } = step;
  const tenantId = step.move.tenant_id;
  const tables = step.report.tables ?? [];
  const fence = await readFence(target, step);
  let cursor: FenceCursor = fence.cursor ?? { table: 0, stage: 'clear', walk: null };
  let tallies = fence.tallies;
  let unsaved = false;
  // At least one unit of work a step, however short its budget.
  do {
    const table = tables[cursor.table];
    if (!table) {
      await target.batch(throughFence(target, tenantId, [saveFence(target, tenantId, cursor, tallies)]));
      return { status: 'verifying', report: { ...step.report, source: tallies } };
    }
    if (cursor.stage === 'clear') {
      if (cursor.walk === null) {
        if (!(await hasRowsOf(target, table, tenantId))) {
          cursor = { table: cursor.table, stage: 'copy', walk: null };
          unsaved = true;
          continue;
        }
        cursor = { ...cursor, walk: { after: 0, end: await lastRowid(target, table, tenantId) } };
      }
      const { statement, next } = deleteWindow(target, table, tenantId, cursor.walk as Walk);
      cursor = walkDone(next)
        ? { table: cursor.table, stage: 'copy', walk: null }
        : { ...cursor, walk: next };
      await target.batch(throughFence(target, tenantId, [statement, saveFence(target, tenantId, cursor)]));
      unsaved = false;
      continue;
    }
    const walk = cursor.walk ?? { after: 0, end: await lastRowid(source, table, tenantId) };
    const page = await readPage(source, table, tenantId, walk);
    cursor = walkDone(page.next)
      ? { table: cursor.table + 1, stage: 'clear', walk: null }
      : { ...cursor, walk: page.next };
    if (page.rows.length === 0) {
      // Only the cursor moved: saved with the next rows, or when the step ends.
      unsaved = true;
      continue;
    }
    tallies = { ...tallies, [table.name]: await addRows(tallies[table.name] ?? EMPTY_TALLY, page.rows) };
    await target.batch(
      throughFence(target, tenantId, [
        ...insertRows(target, table, page.rows),
        saveFence(target, tenantId, cursor, tallies),
      ]),
    );
    unsaved = false;
  } while (ports.now() < step.deadline);
  if (unsaved) await target.batch(throughFence(target, tenantId, [saveFence(target, tenantId, cursor)]));
  return { delaySeconds: 0 };
}

/** Reads the copy back from the target and compares it with the source's tallies; then switches or aborts. */
async function verifying(step: Step): Promise<Phase> {
  const { target, directory, ports, move } = step;
  const tables = step.report.tables ?? [];
  const verify = step.report.verify ?? { table: 0, walk: null, tallies: {} };
  while (verify.table < tables.length) {
    const table = tables[verify.table] as TenantTable;
    const walk = verify.walk ?? { after: 0, end: await lastRowid(target, table, move.tenant_id) };
    const page = await readPage(target, table, move.tenant_id, walk);
    if (page.rows.length > 0)
      verify.tallies[table.name] = await addRows(verify.tallies[table.name] ?? EMPTY_TALLY, page.rows);
    if (walkDone(page.next)) {
      verify.table++;
      verify.walk = null;
    } else verify.walk = page.next;
    if (ports.now() >= step.deadline) break;
  }
  if (verify.table < tables.length) return { report: { ...step.report, verify }, delaySeconds: 0 };

  const source = step.report.source ?? {};
  const mismatches = tables
    .map((table) => table.name)
    .filter((name) => !sameTally(source[name], verify.tallies[name]));
  const report: MoveReport = { ...step.report, verify, target: verify.tallies, mismatches };
  const moved = mismatches.length === 0;
  if (moved) await indexKeys(step);
  return {
    status: 'replaying',
    report: { ...report, outcome: moved ? 'moved' : 'aborted', replayed: 0 },
    ...(moved ? {} : { error: `copy differs from the source in ${mismatches.join(', ')}; the tenant stays` }),
    directory: [
      directory
        .prepare(
          `UPDATE directory_tenants SET shard = ?2, state = 'replaying', updated_at = ?3 WHERE tenant_id = ?1`,
        )
        .bind(move.tenant_id, moved ? move.to_shard : move.from_shard, ports.now()),
    ],
  };
}

/** Every key of the tenant in the directory's index, so keys written without it authenticate after the move. */
async function indexKeys(step: Step): Promise<void> {
  const { results } = await step.target
    .prepare('SELECT key_hash FROM api_keys WHERE tenant_id = ?')
    .bind(step.move.tenant_id)
    .all<{ key_hash: string }>();
  if (results.length === 0) return;
  await step.directory
    .prepare(
      `INSERT INTO directory_keys (key_hash, tenant_id) SELECT value, ?1 FROM json_each(?2) WHERE true
       ON CONFLICT DO NOTHING`,
    )
    .bind(step.move.tenant_id, JSON.stringify(results.map((row) => row.key_hash)))
    .run();
}

const liveAndDead = (step: Step) =>
  step.report.outcome === 'moved'
    ? { live: step.target, dead: step.source }
    : { live: step.source, dead: step.target };

async function replaying(step: Step): Promise<Phase> {
  const { live } = liveAndDead(step);
  const tenantId = step.move.tenant_id;
  await live.prepare('DELETE FROM shard_fences WHERE tenant_id = ?').bind(tenantId).run();
  const { replayed, done } = await replayHeldDeliveries(
    step.directory,
    { env: step.env, d1: live },
    step.ports,
    tenantId,
    step.deadline,
  );
  const report = { ...step.report, replayed: (step.report.replayed ?? 0) + replayed };
  return done ? { status: 'cleaning', report } : { report, delaySeconds: 0 };
}

async function cleaning(step: Step): Promise<Phase> {
  const { dead } = liveAndDead(step);
  const tenantId = step.move.tenant_id;
  const tables = step.report.tables ?? [];
  // After an abort the dead copy's fence still holds the copy's cursor: the clean-up starts its own.
  const saved = (await readFence(dead, step)).cursor;
  let cursor: FenceCursor = saved?.stage === 'clean' ? saved : { table: 0, stage: 'clean', walk: null };
  let unsaved = false;
  do {
    const table = tables[cursor.table];
    if (!table) {
      await dead.batch(throughFence(dead, tenantId, [saveFence(dead, tenantId, null)]));
      return step.report.outcome === 'moved' ? { status: 'done' } : { status: 'failed' };
    }
    if (cursor.walk === null) {
      if (!(await hasRowsOf(dead, table, tenantId))) {
        cursor = { table: cursor.table + 1, stage: 'clean', walk: null };
        unsaved = true;
        continue;
      }
      cursor = { ...cursor, walk: { after: 0, end: await lastRowid(dead, table, tenantId) } };
    }
    const deletes: D1PreparedStatement[] = [];
    let walk = cursor.walk as Walk;
    while (deletes.length < DELETES_PER_BATCH && !walkDone(walk)) {
      const window = deleteWindow(dead, table, tenantId, walk);
      deletes.push(window.statement);
      walk = window.next;
    }
    cursor = walkDone(walk) ? { table: cursor.table + 1, stage: 'clean', walk: null } : { ...cursor, walk };
    await dead.batch(throughFence(dead, tenantId, [...deletes, saveFence(dead, tenantId, cursor)]));
    unsaved = false;
  } while (step.ports.now() < step.deadline);
  if (unsaved) await dead.batch(throughFence(dead, tenantId, [saveFence(dead, tenantId, cursor)]));
  return { delaySeconds: 0 };
}

const phases: Record<Exclude<MoveStatus, 'done' | 'failed'>, (step: Step) => Promise<Phase>> = {
  requested,
  draining,
  copying,
  verifying,
  replaying,
  cleaning,
};

/**
 * Claims the move for one step: no other step holds it and, when the message names a token, the move
 * has not progressed since that message was sent (a duplicate or re-sent message finds it stale).
 */
async function claim(directory: D1Database, moveId: string, now: number, token: number | undefined) {
  return directory
    .prepare(
      `UPDATE directory_moves SET lease_until = ?2
       WHERE id = ?1 AND status NOT IN ('done', 'failed') AND (lease_until IS NULL OR lease_until <= ?3)
         AND (?4 IS NULL OR coalesce(progressed_at, 0) = ?4)
       RETURNING id, tenant_id, from_shard, to_shard, status, drain_ms, report, phase_at, progressed_at`,
    )
    .bind(moveId, now + LEASE_MS, now, token ?? null)
    .first<MoveRow>();
}

/** One bounded step of a move; the caller sends the next one when told `again`. */
export async function stepMove(
  env: Env,
  ports: RuntimePorts,
  moveId: string,
  options: { token?: number; budgetMs?: number } = {},
): Promise<StepOutcome> {
  const directory = directoryDatabase(env);
  const startedAt = ports.now();
  const move = await claim(directory, moveId, startedAt, options.token);
  if (!move) {
    const row = await directory
      .prepare('SELECT status FROM directory_moves WHERE id = ?')
      .bind(moveId)
      .first<{ status: MoveStatus }>();
    return row && TERMINAL.has(row.status)
      ? { kind: 'finished', status: row.status as 'done' | 'failed' }
      : { kind: 'busy' };
  }
  const bad = [move.from_shard, move.to_shard].find((name) => !isShard(env, name));
  let phase: Phase;
  try {
    if (bad) phase = { status: 'failed', error: `${bad} is not one of SHARDS` };
    else {
      const step: Step = {
        env,
        ports,
        directory,
        move,
        report: JSON.parse(move.report) as MoveReport,
        source: shardDatabase(env, move.from_shard),
        target: shardDatabase(env, move.to_shard),
        deadline: startedAt + (options.budgetMs ?? STEP_BUDGET_MS),
      };
      phase = await phases[move.status as keyof typeof phases](step);
    }
  } catch (error) {
    // Kept for the operator, and the lease let go: the queue's retry (or the cron) takes the step again.
    await directory
      .prepare('UPDATE directory_moves SET error = ?2, lease_until = NULL WHERE id = ?1')
      .bind(move.id, `${(error as Error).name}: ${(error as Error).message}`.slice(0, 500))
      .run();
    throw error;
  }
  const now = Math.max(ports.now(), (move.progressed_at ?? 0) + 1);
  const status = phase.status ?? move.status;
  await directory.batch([
    ...(phase.directory ?? []),
    directory
      .prepare(
        `UPDATE directory_moves SET status = ?2, report = ?3, error = coalesce(?4, error),
           phase_at = CASE WHEN status <> ?2 THEN ?5 ELSE phase_at END, progressed_at = ?5, lease_until = NULL,
           completed_at = CASE WHEN ?2 IN ('done', 'failed') THEN ?5 END
         WHERE id = ?1`,
      )
      .bind(
        move.id,
        status,
        JSON.stringify(phase.report ?? JSON.parse(move.report)),
        phase.error ?? null,
        now,
      ),
  ]);
  if (TERMINAL.has(status)) return { kind: 'finished', status: status as 'done' | 'failed' };
  return { kind: 'again', delaySeconds: phase.delaySeconds ?? 0, token: now };
}
