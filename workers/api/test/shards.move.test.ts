/**
 * Moving a tenant from `DB` to `DB_1` while its bank keeps delivering intake: the copy is exact (the
 * frozen source and the verified target dump equal, row for row), the deliveries that arrived during the
 * move are held (202) and replayed after it, nothing is lost and nothing applied twice, the tenant works
 * from its new database and a bystander on the old one is untouched. A copy that does not match is
 * aborted, and the tenant stays with everything. The rollups move too: the `WITHOUT ROWID` tables the
 * triggers keep, and a built rollup's rows, which name their tenant only through their run.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { type RuntimePorts, randomId } from '../src/ports/runtime';
import { loadRollupRun, runRollupStep, startRollupRun } from '../src/reports/rollups/runs';
import { throughFence } from '../src/shards/fence';
import { requestMoveSql } from '../src/shards/move/request';
import { type MoveReport, type MoveStatus, stepMove } from '../src/shards/move/step';
import { quoteId, tenantOf, tenantTables } from '../src/shards/tenant-tables';
import { newAgentBody, shardDb, type TestShard } from './fixtures/shards';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { delinquency, newSecret, signedFetch } from './intake.helpers';

const ports: RuntimePorts = { now: () => Date.now(), newId: randomId };

async function withIntake(f: FixtureTenant): Promise<string> {
  const secret = newSecret();
  await env.DB.prepare('INSERT INTO intake_secrets (id, tenant_id, secret, created_at) VALUES (?, ?, ?, 0)')
    .bind(`isec_${f.tenantId}`, f.tenantId, secret)
    .run();
  return secret;
}

/** Every row of the tenant in one database, per table, as sorted JSON lines: equal dumps, equal data. */
async function dump(shard: TestShard, tenantId: string): Promise<Record<string, string[]>> {
  const d1 = shardDb(shard);
  const { tables } = await tenantTables(d1);
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const [, ...rows] = await d1
      .prepare(
        `SELECT ${table.columns.map(quoteId).join(', ')} FROM ${quoteId(table.name)} WHERE ${tenantOf(table)} = ?`,
      )
      .bind(tenantId)
      .raw({ columnNames: true });
    if (rows.length > 0) out[table.name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return out;
}

const moveRow = (id: string) =>
  env.DB.prepare('SELECT status, report, error FROM directory_moves WHERE id = ?')
    .bind(id)
    .first<{ status: MoveStatus; report: string; error: string | null }>();

async function requestMove(tenantId: string, to: TestShard): Promise<string> {
  const moveId = randomId('mov');
  await env.DB.prepare(
    requestMoveSql({ moveId, tenantId, toShard: to, directoryShard: 'DB', drainMs: 0, now: Date.now() }),
  ).run();
  return moveId;
}

/**
 * Steps the move with a short budget (a page or two a step) until it ends, calling `onStatus` as each
 * status is first seen, so a test can look at the databases between phases.
 */
async function runMove(moveId: string, onStatus: (status: MoveStatus) => Promise<void> = async () => {}) {
  let seen: MoveStatus | null = null;
  for (let step = 0; step < 5_000; step++) {
    const status = (await moveRow(moveId))?.status as MoveStatus;
    if (status !== seen) {
      seen = status;
      await onStatus(status);
    }
    const outcome = await stepMove(env, ports, moveId, { budgetMs: 5 });
    if (outcome.kind === 'finished') return outcome.status;
    await new Promise((resume) => setTimeout(resume, 0));
  }
  throw new Error('the move did not finish');
}

/** Delivery `i` opens account mv-i and moves account mv-(i-1) on to its second snapshot. */
const deliveryBody = (tag: string, i: number) =>
  JSON.stringify([
    delinquency(`${tag}-${i}`, 1, 40, 200_000 + i, '2026-10-30T00:00:00Z'),
    ...(i > 0 ? [delinquency(`${tag}-${i - 1}`, 2, 41, 210_000 + i, '2026-10-31T00:00:00Z')] : []),
  ]);

/** A bank's sender: each delivery until it gets an answer that is not "try again". */
async function send(f: FixtureTenant, secret: string, tag: string, i: number): Promise<number> {
  const id = `wh_${tag}_${i}`;
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await signedFetch('/v1/intake/events', {
      tenantId: f.tenantId,
      secrets: [secret],
      id,
      body: deliveryBody(tag, i),
    });
    if (response.status !== 503) return response.status;
    await new Promise((resume) => setTimeout(resume, 5));
  }
  throw new Error(`delivery ${id} kept getting 503`);
}

// A move is many short steps, interleaved with the sender's deliveries: seconds of wall time, not five.
describe('moving a tenant to another database', { timeout: 120_000 }, () => {
  it('under concurrent intake loses and doubles nothing: the copy verifies, held deliveries replay in order', async () => {
    const moving = await createFixtureTenant('shmove_t');
    const bystander = await createFixtureTenant('shmove_x');
    const secret = await withIntake(moving);
    const DELIVERIES = 40;
    const answers: number[] = [];
    // History before the move.
    for (let i = 0; i < 10; i++) answers[i] = await send(moving, secret, 'mv', i);
    const bystanderBefore = await dump('DB', bystander.tenantId);

    const moveId = await requestMove(moving.tenantId, 'DB_1');
    let frozenSource: Record<string, string[]> = {};
    let copiedTarget: Record<string, string[]> = {};
    let moveWrites = 0;
    let delivering = true;
    const mover = runMove(moveId, async (status) => {
      // Frozen and drained: what the source holds now is what must arrive.
      if (status === 'copying') frozenSource = await dump('DB', moving.tenantId);
      if (status === 'copying') {
        // A partner write while the rows are frozen is refused up front; a read is served.
        const write = await call(moving.keys.supervisor, 'POST', `/v1/cases/${moving.caseA}/promises`, {
          body: {
            channel: 'call',
            checklist: [],
            amount: { amountMinor: 1, currency: 'CNY' },
            dueDate: '2030-01-01',
          },
        });
        expect(write.status).toBe(503);
        expect(write.headers.get('Retry-After')).toBe('30');
        expect(((await write.json()) as { code: string }).code).toBe('TENANT.MOVING');
        moveWrites++;
        expect((await call(moving.keys.supervisor, 'GET', `/v1/cases/${moving.caseA}`)).status).toBe(200);
      }
      // Verified and switched, before any held delivery is replayed.
      if (status === 'replaying') copiedTarget = await dump('DB_1', moving.tenantId);
    });
    const sender = (async () => {
      for (let i = 10; i < DELIVERIES; i++) {
        answers[i] = await send(moving, secret, 'mv', i);
        await new Promise((resume) => setTimeout(resume, 2));
      }
      delivering = false;
    })();
    expect(await mover).toBe('done');
    await sender;
    expect(delivering).toBe(false);
    expect(moveWrites).toBe(1);

    const move = await moveRow(moveId);
    const report = JSON.parse(move!.report) as MoveReport;
    expect(move?.error).toBeNull();
    expect(report.outcome).toBe('moved');
    expect(report.mismatches).toEqual([]);
    // The move's own proof: per table, the target's count and checksum equal the source's.
    expect(report.target).toEqual(report.source);
    expect(Object.values(report.source ?? {}).reduce((n, tally) => n + tally.rows, 0)).toBeGreaterThan(50);
    // And an independent one: the frozen source and the verified target hold the same rows, exactly.
    expect(Object.keys(frozenSource).length).toBeGreaterThan(10);
    expect(copiedTarget).toEqual(frozenSource);

    // Some deliveries were answered while the tenant moved (held), the rest applied at once.
    const held = answers.filter((status) => status === 202).length;
    expect(held).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200 || status === 202)).toBe(true);
    expect(report.replayed).toBe(held);

    // Nothing lost, nothing doubled: every delivery exactly once in the new inbox, every account there
    // with its last snapshot, and nothing of the tenant left behind.
    const inbox = await env.DB_1.prepare(
      `SELECT webhook_id, COUNT(*) AS n FROM event_inbox WHERE tenant_id = ? GROUP BY webhook_id`,
    )
      .bind(moving.tenantId)
      .all<{ webhook_id: string; n: number }>();
    expect(inbox.results.map((row) => row.webhook_id).sort()).toEqual(
      Array.from({ length: DELIVERIES }, (_, i) => `wh_mv_${i}`).sort(),
    );
    expect(inbox.results.every((row) => row.n === 1)).toBe(true);
    const accounts = await env.DB_1.prepare(
      `SELECT external_ref, last_sequence FROM accounts WHERE tenant_id = ? AND external_ref LIKE 'A-mv-%'`,
    )
      .bind(moving.tenantId)
      .all<{ external_ref: string; last_sequence: number }>();
    expect(accounts.results).toHaveLength(DELIVERIES);
    for (const row of accounts.results) {
      const i = Number(row.external_ref.slice('A-mv-'.length));
      expect([row.external_ref, row.last_sequence]).toEqual([row.external_ref, i === DELIVERIES - 1 ? 1 : 2]);
    }
    expect(await dump('DB', moving.tenantId)).toEqual({});
    expect(
      await env.DB.prepare(`SELECT shard, state FROM directory_tenants WHERE tenant_id = ?`)
        .bind(moving.tenantId)
        .first(),
    ).toEqual({ shard: 'DB_1', state: 'active' });
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM directory_intake_hold WHERE tenant_id = ?')
        .bind(moving.tenantId)
        .first(),
    ).toEqual({ n: 0 });
    // The bystander on the old database saw none of it.
    expect(await dump('DB', bystander.tenantId)).toEqual(bystanderBefore);

    // The tenant works from its new database with the same keys and intake secret.
    const cases = (await (await call(moving.keys.supervisor, 'GET', '/v1/cases')).json()) as {
      items: unknown[];
    };
    expect(cases.items.length).toBeGreaterThan(2);
    const heldOne = answers.indexOf(202);
    const redelivered = await signedFetch('/v1/intake/events', {
      tenantId: moving.tenantId,
      secrets: [secret],
      id: `wh_mv_${heldOne}`,
      body: deliveryBody('mv', heldOne),
    });
    expect(redelivered.status).toBe(200);
    expect(redelivered.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('aborts a copy that does not verify: the tenant stays where it was, held intake replayed there', async () => {
    const tenant = await createFixtureTenant('shmove_abort');
    const secret = await withIntake(tenant);
    await send(tenant, secret, 'ab', 0);
    const before = await dump('DB', tenant.tenantId);
    const moveId = await requestMove(tenant.tenantId, 'DB_1');
    let heldAnswer = 0;
    const status = await runMove(moveId, async (phase) => {
      if (phase === 'verifying') {
        // A row lost on the way (as a bug or a stray writer would lose it), then a delivery to hold.
        await env.DB_1.batch(
          throughFence(env.DB_1, tenant.tenantId, [
            env.DB_1.prepare('DELETE FROM agents WHERE tenant_id = ? AND id = ?').bind(
              tenant.tenantId,
              tenant.agentA2,
            ),
          ]),
        );
        heldAnswer = await send(tenant, secret, 'ab2', 0);
      }
    });
    expect(status).toBe('failed');
    expect(heldAnswer).toBe(202);
    const move = await moveRow(moveId);
    expect(move?.error).toMatch(/agents/);
    expect((JSON.parse(move!.report) as MoveReport).mismatches).toEqual(['agents']);
    expect(
      await env.DB.prepare(`SELECT shard, state FROM directory_tenants WHERE tenant_id = ?`)
        .bind(tenant.tenantId)
        .first(),
    ).toEqual({ shard: 'DB', state: 'active' });
    // Everything it had is still in DB, plus the held delivery; nothing of it remains in DB_1.
    const after = await dump('DB', tenant.tenantId);
    for (const [table, rows] of Object.entries(before))
      expect(after[table], table).toEqual(expect.arrayContaining(rows));
    expect(after.event_inbox).toHaveLength(2);
    expect(await dump('DB_1', tenant.tenantId)).toEqual({});
    // And it can be written again.
    const write = await call(tenant.keys.admin, 'POST', '/v1/agents', {
      body: newAgentBody('After the abort', tenant.agencyA),
    });
    expect(write.status).toBe(201);
  });

  it('moves the rollups: those the triggers keep, and a built run with its head and rows', async () => {
    const tenant = await createFixtureTenant('shmove_rollups');
    await env.DB.prepare(
      `INSERT INTO delinquency_snapshots (tenant_id, account_id, sequence, as_of, dpd, overdue_principal, overdue_interest, overdue_fees, outstanding_balance, currency, bucket, received_at)
       SELECT tenant_id, account_id, 1, '2026-10-20', 40, 5000, 0, 0, 90000, 'CNY', 'M2', 0 FROM cases WHERE tenant_id = ?`,
    )
      .bind(tenant.tenantId)
      .run();
    // A promise: its triggers write the promise facts and rollups.
    await env.DB.prepare(
      `INSERT INTO promises (id, tenant_id, case_id, amount, currency, promised_date, due_at, status, created_at)
       VALUES (?, ?, ?, 50000, 'CNY', '2026-10-25', 0, 'kept', 0)`,
    )
      .bind(`ptp_${tenant.tenantId}`, tenant.tenantId, tenant.caseA)
      .run();
    // A built cohort rollup: its run, its head, and rows keyed by the run alone.
    const runId = await startRollupRun(
      env.DB,
      { tenantId: tenant.tenantId, kind: 'cohort', subject: '', period: '2026-10-31', reason: 'report' },
      randomId('rlr'),
      Date.now(),
    );
    for (let run = await loadRollupRun(env.DB, runId!); run && run.status === 'running'; ) {
      const outcome = await runRollupStep(env.DB, run, Date.now());
      run = outcome.committed ? outcome.next : await loadRollupRun(env.DB, runId!);
    }
    const before = await dump('DB', tenant.tenantId);
    for (const table of [
      'promise_rollups',
      'promise_report_facts',
      'rollup_runs',
      'rollup_heads',
      'portfolio_rollups',
    ])
      expect(before[table], table).toBeDefined();

    const moveId = await requestMove(tenant.tenantId, 'DB_1');
    expect(await runMove(moveId)).toBe('done');
    const report = JSON.parse((await moveRow(moveId))!.report) as MoveReport;
    expect(report.mismatches).toEqual([]);
    expect(report.target).toEqual(report.source);
    expect(report.skipped ?? []).not.toContain('portfolio_rollups');
    expect(await dump('DB_1', tenant.tenantId)).toEqual(before);
    expect(await dump('DB', tenant.tenantId)).toEqual({});
  });
});
