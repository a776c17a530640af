/**
 * Outcomes that follow the rules of the visit (issue 14, item 5): a promise or a plan is recorded only
 * after the right party was met and the pack's introduction checklist confirmed; a promise is due from
 * today to the tenant's horizon, for more than nothing and at most the arrears; otherwise 422 naming
 * the field, with nothing written. The same rules hold for a promise made on a call.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
/** 11:00 on 2 November 2026 in Shanghai, the fixture tenant's zone: "today" is 2026-11-02. */
const NOW = '2026-11-02T03:00:00.000Z';
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const confirmed = (...items: string[]) => items.map((item) => ({ item, confirmed: true }));
const AT_THE_DOOR = confirmed('show_staff_id', 'state_name_and_bank', 'confirm_right_party', 'state_purpose');
const ON_THE_PHONE = confirmed('state_name_and_bank', 'confirm_right_party', 'state_purpose');
/** The fixture cases owe 3 200.00 CNY. */
const ARREARS = 320_000;

beforeAll(async () => {
  f = await createFixtureTenant('fcom');
});

interface Refused {
  code: string;
  errors: { path: string; code: string }[];
  rules: { rule: string }[];
}

async function refusedAt(response: Response): Promise<string[]> {
  expect(response.status).toBe(422);
  const problem = await response.json<Refused>();
  expect(problem.code).toBe('COMMITMENT.REFUSED');
  return problem.errors.map((error) => `${error.path} ${error.code}`);
}

const count = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n;

describe('a promise in a visit’s outcome', () => {
  const outcome = (body: Record<string, unknown>) =>
    atServerTime(NOW, () =>
      call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
        body: {
          contactResult: 'customer_met',
          checklist: AT_THE_DOOR,
          willingness: 4,
          monthlyAbilityToPay: cny(80_000),
          satisfaction: 4,
          promiseToPay: { amount: cny(50_000), dueDate: '2026-11-20' },
          ...body,
        },
        headers: { 'If-Match': '"1"' },
      }),
    );

  it.each([
    ['without the checklist', { checklist: [] }, ['/checklist commitment.checklist-incomplete']],
    [
      'with a checklist that confirmed nothing',
      { checklist: AT_THE_DOOR.map(({ item }) => ({ item, confirmed: false })) },
      ['/checklist commitment.checklist-incomplete'],
    ],
    [
      'made to a third party',
      { contactResult: 'third_party_only' },
      ['/contactResult commitment.not-right-party'],
    ],
    [
      'dated in the past (2020-01-01)',
      { promiseToPay: { amount: cny(1), dueDate: '2020-01-01' } },
      ['/promiseToPay/dueDate promise.date-past'],
    ],
    [
      'dated beyond the 60-day horizon',
      { promiseToPay: { amount: cny(50_000), dueDate: '2027-01-02' } },
      ['/promiseToPay/dueDate promise.date-beyond-horizon'],
    ],
    [
      'above the arrears',
      { promiseToPay: { amount: cny(ARREARS + 1), dueDate: '2026-11-20' } },
      ['/promiseToPay/amount/amountMinor promise.amount-above-arrears'],
    ],
    [
      'of nothing',
      { promiseToPay: { amount: cny(0), dueDate: '2026-11-20' } },
      ['/promiseToPay/amount/amountMinor promise.amount-not-positive'],
    ],
  ])('is refused %s, naming the field, and nothing is written', async (_name, body, paths) => {
    expect(await refusedAt(await outcome(body))).toEqual(paths);
    const visit = await (await call(f.keys.agent, 'GET', `/v1/visits/${f.visitA1}`)).json<{
      status: string;
      version: number;
    }>();
    expect(visit).toMatchObject({ status: 'planned', version: 1 });
    expect(await count('SELECT COUNT(*) AS n FROM promises WHERE tenant_id = ?', f.tenantId)).toBe(0);
  });

  it('an outcome without a promise needs no checklist; one with it, on the last day of the horizon, is recorded', async () => {
    const recorded = await outcome({ promiseToPay: { amount: cny(ARREARS), dueDate: '2027-01-01' } });
    expect(recorded.status, await recorded.clone().text()).toBe(200);
    const promise = await env.DB.prepare(
      'SELECT channel, visit_id, amount, promised_date, recorded_by_key_id FROM promises WHERE tenant_id = ?',
    )
      .bind(f.tenantId)
      .first();
    expect(promise).toEqual({
      channel: 'visit',
      visit_id: f.visitA1,
      amount: ARREARS,
      promised_date: '2027-01-01',
      recorded_by_key_id: f.keyIds.agent,
    });
  });
});

describe('a promise made on a call (POST /v1/cases/{caseId}/promises)', () => {
  const promise = (body: Record<string, unknown>, idempotencyKey?: string) =>
    atServerTime(NOW, () =>
      call(f.keys.agency, 'POST', `/v1/cases/${f.caseA}/promises`, {
        body: {
          channel: 'call',
          checklist: ON_THE_PHONE,
          amount: cny(40_000),
          dueDate: '2026-11-15',
          ...body,
        },
        headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
      }),
    );

  it.each([
    ['without the checklist', { checklist: [] }, ['/checklist commitment.checklist-incomplete']],
    [
      'without confirming the right party',
      { checklist: confirmed('state_name_and_bank', 'state_purpose') },
      ['/checklist commitment.checklist-incomplete'],
    ],
    ['dated in the past', { dueDate: '2026-11-01' }, ['/dueDate promise.date-past']],
    [
      'above the arrears',
      { amount: cny(ARREARS + 100) },
      ['/amount/amountMinor promise.amount-above-arrears'],
    ],
    [
      'all of it at once',
      { checklist: [], dueDate: '2020-01-01', amount: cny(-5) },
      [
        '/checklist commitment.checklist-incomplete',
        '/dueDate promise.date-past',
        '/amount/amountMinor promise.amount-not-positive',
      ],
    ],
  ])('is refused %s', async (_name, body, paths) => {
    expect(await refusedAt(await promise(body))).toEqual(paths);
  });

  it('is refused in another currency, and for a case that left the programme', async () => {
    const foreign = await promise({ amount: { amountMinor: 100, currency: 'USD' } });
    expect(foreign.status).toBe(422);
    expect((await foreign.json<Refused>()).errors.map((error) => error.path)).toEqual(['/amount/currency']);
    await env.DB.prepare(`UPDATE cases SET status = 'cured', ended_at = 1 WHERE id = ?`).bind(f.caseB).run();
    const cured = await atServerTime(NOW, () =>
      call(f.keys.supervisor, 'POST', `/v1/cases/${f.caseB}/promises`, {
        body: { channel: 'call', checklist: ON_THE_PHONE, amount: cny(100), dueDate: '2026-11-15' },
      }),
    );
    expect(cured.status).toBe(409);
  });

  it('is recorded once with its channel, audited, and checked the day after its date like a visit’s promise', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM promises WHERE tenant_id = ?', f.tenantId);
    const first = await promise({}, 'call-2026-11-02-wang');
    expect(first.status).toBe(201);
    const body = await first.json<{ id: string; channel: string; visitId: null; promisedDate: string }>();
    expect(body).toMatchObject({
      channel: 'call',
      visitId: null,
      promisedDate: '2026-11-15',
      status: 'open',
    });
    const retried = await promise({}, 'call-2026-11-02-wang');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await retried.json()).toEqual(body);
    expect(await count('SELECT COUNT(*) AS n FROM promises WHERE tenant_id = ?', f.tenantId)).toBe(
      before! + 1,
    );

    const timer = await env.DB.prepare(
      `SELECT kind, due_at, payload FROM follow_up_timers WHERE tenant_id = ? AND json_extract(payload, '$.promiseId') = ?`,
    )
      .bind(f.tenantId, body.id)
      .first<{ kind: string; due_at: number }>();
    // 16 November in Shanghai, at the follow-up policy's local time.
    expect(timer?.kind).toBe('promise_check');
    expect(new Date(timer!.due_at + 8 * 3_600_000).toISOString().slice(0, 10)).toBe('2026-11-16');
    const audit = await env.DB.prepare(
      `SELECT actor_key_id, data FROM audit_log WHERE tenant_id = ? AND action = 'promise.recorded'`,
    )
      .bind(f.tenantId)
      .all<{ actor_key_id: string; data: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]?.actor_key_id).toBe(f.keyIds.agency);
    expect(JSON.parse(audit.results[0]!.data)).toMatchObject({ promiseId: body.id, channel: 'call' });
    const listed = await (await call(f.keys.agent, 'GET', `/v1/cases/${f.caseA}/promises`)).json<{
      items: { id: string; channel: string }[];
    }>();
    expect(listed.items).toContainEqual(expect.objectContaining({ id: body.id, channel: 'call' }));
  });
});

describe('accepting a repayment plan', () => {
  let tenant: FixtureTenant;
  beforeAll(async () => {
    tenant = await createFixtureTenant('fcomplan');
  });

  async function proposed() {
    const response = await call(tenant.keys.agent, 'POST', `/v1/cases/${tenant.caseA}/repayment-plans`, {
      body: { monthlyAbilityToPay: cny(100_000) },
    });
    expect(response.status).toBe(201);
    return { id: (await response.json<{ id: string }>()).id, etag: response.headers.get('ETag') ?? '' };
  }

  const accept = (plan: { id: string; etag: string }, body: unknown) =>
    call(tenant.keys.agent, 'POST', `/v1/repayment-plans/${plan.id}/accept`, {
      body,
      headers: { 'If-Match': plan.etag },
    });

  it('is refused without the checklist, or at a visit that did not meet the customer, and the plan stays proposed', async () => {
    const plan = await proposed();
    expect(await refusedAt(await accept(plan, { channel: 'call', checklist: [] }))).toEqual([
      '/checklist commitment.checklist-incomplete',
    ]);
    const missing = await accept(plan, { channel: 'visit', checklist: AT_THE_DOOR });
    expect(missing.status).toBe(422);
    expect((await missing.json<Refused>()).errors.map((error) => error.path)).toEqual(['/visitId']);
    // The visit was made but met only the customer's sister.
    await env.DB.batch([
      env.DB.prepare(`UPDATE visits SET status = 'completed' WHERE id = ?`).bind(tenant.visitA1),
      env.DB.prepare(
        `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, contact_result, local_date, bucket, checklist, recorded_at)
         VALUES (?, ?, ?, 'third_party_only', '2026-11-02', 'M2', '[]', 0)`,
      ).bind(tenant.visitA1, tenant.tenantId, tenant.caseA),
    ]);
    expect(
      await refusedAt(
        await accept(plan, { channel: 'visit', visitId: tenant.visitA1, checklist: AT_THE_DOOR }),
      ),
    ).toEqual(['/visitId commitment.not-right-party']);
    const otherCase = await accept(plan, {
      channel: 'visit',
      visitId: tenant.visitA2,
      checklist: AT_THE_DOOR,
    });
    expect(otherCase.status).toBe(422);
    const stored = await (await call(tenant.keys.agent, 'GET', `/v1/repayment-plans/${plan.id}`)).json<{
      status: string;
    }>();
    expect(stored.status).toBe('proposed');
  });

  it('is accepted on a call after the introduction, and the audit row says how', async () => {
    const plan = await proposed();
    const accepted = await accept(plan, { channel: 'call', checklist: ON_THE_PHONE });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const audit = await env.DB.prepare(
      `SELECT data FROM audit_log WHERE tenant_id = ? AND action = 'repayment-plan.accepted' AND subject_id = ?`,
    )
      .bind(tenant.tenantId, plan.id)
      .first<{ data: string }>();
    expect(JSON.parse(audit!.data)).toMatchObject({ channel: 'call', visitId: null });
  });
});
