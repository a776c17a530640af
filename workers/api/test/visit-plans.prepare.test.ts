/**
 * Preparation in the plan: each planned visit gets the preparation policy's dossier snapshot and, when
 * the plan created it, the suggested purpose, in chunks that never take a Worker invocation past its
 * D1 budget (counted here on the real binding, as the queue consumer counts it).
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { countingD1 } from '../src/db/counting-d1';
import { handlePlanPrepare, INVOCATION_QUERY_BUDGET, PREPARE_CHUNK } from '../src/planning/prepare-job';
import { runtimePorts } from '../src/ports/runtime';
import { overdueCustomerRows } from './fixtures/overdue-customers';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { insertRows } from './follow-ups.fixtures';

const VISITS = 60;
const PLAN = 'vpl_prep';
const REVISIT = 'vis_prep_00';
const VULNERABLE = 'vis_prep_01';
let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('prep');
  const ids = Array.from({ length: VISITS }, (_, i) => String(i).padStart(2, '0'));
  await env.DB.batch([
    ...insertRows(env.DB, 'visit_plans', [
      {
        id: PLAN,
        tenant_id: f.tenantId,
        date: '2026-12-09',
        status: 'draft',
        agent_ids: '[]',
        created_at: 1000,
      },
    ]),
    ...overdueCustomerRows(
      env.DB,
      f.tenantId,
      ids.map((n) => ({
        customerId: `cus_prep_${n}`,
        accountId: `acc_prep_${n}`,
        caseId: `case_prep_${n}`,
        lat: 22.54,
        lon: 114.05,
        customer: {
          name: `Customer ${n}`,
          flags: `vis_prep_${n}` === VULNERABLE ? '{"vulnerability":{"kind":"health"}}' : '{}',
        },
        case: { status: 'planned' },
      })),
    ),
    ...insertRows(
      env.DB,
      'visits',
      ids.map((n) => ({
        id: `vis_prep_${n}`,
        tenant_id: f.tenantId,
        case_id: `case_prep_${n}`,
        plan_id: PLAN,
        // The revisit was requested (created) before the plan, with the purpose its follow-up gave it.
        purpose: `vis_prep_${n}` === REVISIT ? 'negotiate_plan' : 'understand_situation',
        agent_ids: JSON.stringify([f.agentA1, f.agentA2]),
        lead_agent_id: f.agentA1,
        window_start: Date.parse('2026-12-09T02:00:00Z'),
        window_end: Date.parse('2026-12-09T02:45:00Z'),
        status: 'planned',
        created_at: `vis_prep_${n}` === REVISIT ? 500 : 2000,
        updated_at: 0,
      })),
    ),
  ]);
});

const job = () => ({ type: 'plan.prepare' as const, v: 1 as const, tenantId: f.tenantId, planId: PLAN });

/** One invocation: the handler on the real D1, every statement it runs counted from `already`. */
async function invocation(already = 0) {
  let statements = already;
  const d1 = countingD1(env.DB, () => void statements++);
  await handlePlanPrepare(job(), { env, d1, ports: runtimePorts(), queries: () => statements });
  return statements - already;
}

const unprepared = async () =>
  (
    await env.DB.prepare('SELECT COUNT(*) AS n FROM visits WHERE plan_id = ? AND prepared_at IS NULL')
      .bind(PLAN)
      .first<{ n: number }>()
  )?.n ?? 0;

describe('preparing a plan in chunks', () => {
  it('stops before an invocation nearly spent elsewhere passes the budget, leaving the visits for later', async () => {
    const used = await invocation(INVOCATION_QUERY_BUDGET - 20);
    expect(used).toBeLessThan(20);
    expect(await unprepared()).toBe(VISITS);
  });

  it('prepares every visit in chunks, none taking an invocation past the budget', async () => {
    const spent: number[] = [];
    for (let i = 0; i < 10 && (await unprepared()) > 0; i++) spent.push(await invocation());
    expect(await unprepared()).toBe(0);
    expect(spent.length).toBeLessThanOrEqual(Math.ceil(VISITS / PREPARE_CHUNK));
    for (const statements of spent) expect(statements).toBeLessThan(INVOCATION_QUERY_BUDGET);
    // A dossier's reads are one batch per visit: a chunk costs about fifteen statements a visit.
    expect(Math.max(...spent)).toBeGreaterThan(PREPARE_CHUNK * 10);
  });

  it('stores the dossier snapshot and the suggested purpose; a requested revisit keeps its own', async () => {
    const rows = (
      await env.DB.prepare('SELECT id, purpose, dossier FROM visits WHERE plan_id = ?')
        .bind(PLAN)
        .all<{ id: string; purpose: string; dossier: string }>()
    ).results;
    const of = (id: string) => rows.find((r) => r.id === id)!;
    for (const row of rows) {
      const snapshot = JSON.parse(row.dossier) as {
        policy: { id: string };
        suggestedPurpose: string;
        dossier: { customer: { name: string } };
        checklist: unknown[];
      };
      expect(snapshot.policy.id).toBe('standard-dossier');
      expect(snapshot.dossier.customer.name).toMatch(/^Customer \d\d$/);
      expect(snapshot.checklist.length).toBeGreaterThan(0);
    }
    expect(of(VULNERABLE).purpose).toBe('hardship_review');
    expect(JSON.parse(of(REVISIT).dossier).suggestedPurpose).toBe('understand_situation');
    expect(of(REVISIT).purpose).toBe('negotiate_plan');
  });

  it('does nothing more when its message comes again', async () => {
    const before = (await env.DB.prepare('SELECT dossier FROM visits WHERE id = ?')
      .bind(VULNERABLE)
      .first())!;
    await invocation();
    expect(await env.DB.prepare('SELECT dossier FROM visits WHERE id = ?').bind(VULNERABLE).first()).toEqual(
      before,
    );
  });
});
