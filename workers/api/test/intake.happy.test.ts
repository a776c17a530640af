import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { canonicalDump, delinquency, event, intakeTenant, NDJSON, signedFetch } from './intake.helpers';

const EVENTS = '/v1/intake/events';

/** One portfolio's story, in the order the bank lived it: every shuffle of it must end in the same rows. */
const stream = [
  event('customer.upserted', '2026-10-01T08:00:00Z', {
    customerRef: 'C-1',
    name: 'Wang Fang',
    phone: '+8613800000000',
    address: { line: '1 Shennan Rd', lat: 22.54, lon: 114.05 },
    regionCode: 'futian',
  }),
  event('customer.upserted', '2026-10-03T08:00:00Z', {
    customerRef: 'C-1',
    name: 'Wang Fang',
    phone: '+8613900000000',
    address: { line: '9 Binhe Ave', lat: 22.53, lon: 114.02 },
    regionCode: 'nanshan',
  }),
  event('customer.flags_changed', '2026-10-02T08:00:00Z', {
    customerRef: 'C-2',
    flags: {
      dispute: true,
      bankruptcy: false,
      deceased: false,
      ceaseContact: false,
      vulnerability: null,
      breathingSpaceUntil: null,
      consentOutsideHours: false,
      debtAdviserUntil: null,
    },
  }),
  event('customer.flags_changed', '2026-10-04T08:00:00Z', {
    customerRef: 'C-2',
    flags: {
      dispute: false,
      bankruptcy: false,
      deceased: false,
      ceaseContact: false,
      vulnerability: { kind: 'health' },
      breathingSpaceUntil: '2026-12-01T00:00:00Z',
      consentOutsideHours: false,
      debtAdviserUntil: null,
    },
  }),
  event('region.risk_updated', '2026-10-01T00:00:00Z', {
    regionCode: 'nanshan',
    name: 'Nanshan',
    riskScore: 0.3,
    asOf: '2026-10-01T00:00:00Z',
  }),
  event('region.risk_updated', '2026-10-05T00:00:00Z', {
    regionCode: 'nanshan',
    name: 'Nanshan',
    riskScore: 0.7,
    asOf: '2026-10-05T00:00:00Z',
  }),
  delinquency('1', 1, 20, 100_000, '2026-10-01T00:00:00Z'),
  delinquency('1', 2, 50, 180_000, '2026-10-02T00:00:00Z'),
  delinquency('1', 3, 80, 260_000, '2026-10-03T00:00:00Z'),
  delinquency('2', 1, 30, 100_000, '2026-10-01T00:00:00Z'),
  event('payment.received', '2026-10-01T12:00:00Z', {
    paymentRef: 'P-1',
    accountRef: 'A-2',
    amountMinor: 50_000,
    currency: 'CNY',
    paidAt: '2026-10-01T12:00:00Z',
  }),
  delinquency('2', 2, 60, 90_000, '2026-10-02T00:00:00Z'),
  event('payment.received', '2026-10-03T12:00:00Z', {
    paymentRef: 'P-2',
    accountRef: 'A-2',
    amountMinor: 90_000,
    currency: 'CNY',
    paidAt: '2026-10-03T12:00:00Z',
  }),
  delinquency('3', 1, 10, 40_000, '2026-10-01T00:00:00Z'),
  event('account.closed', '2026-10-04T00:00:00Z', { accountRef: 'A-3', closedAt: '2026-10-04T00:00:00Z' }),
  delinquency('4', 1, 40, 70_000, '2026-10-01T00:00:00Z'),
  delinquency('4', 2, 0, 0, '2026-10-02T00:00:00Z'),
];

/** Park–Miller: a seeded shuffle, so a failing order can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('intake events', () => {
  it('applies a signed event, opens a case, and answers a redelivery with the same body once', async () => {
    const { tenantId, secret } = await intakeTenant('happy');
    const body = JSON.stringify([delinquency('1', 1, 45, 320_000, '2026-10-01T00:00:00Z')]);
    const first = await signedFetch(EVENTS, { tenantId, secrets: [secret], id: 'msg_dup', body });
    expect(first.status).toBe(200);
    const answer = await first.text();
    expect(JSON.parse(answer)).toMatchObject({ received: 1, results: [{ index: 0, outcome: 'applied' }] });

    const again = await signedFetch(EVENTS, { tenantId, secrets: [secret], id: 'msg_dup', body });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.text()).toBe(answer);

    const rows = await env.DB.prepare(
      'SELECT status, bucket, dpd, overdue_total FROM cases WHERE tenant_id = ?',
    )
      .bind(tenantId)
      .all();
    expect(rows.results).toEqual([{ status: 'open', bucket: 'M2', dpd: 45, overdue_total: 320_000 }]);
  });

  it('converges to the same rows for 10 random delivery orders of one stream', async () => {
    // Orders run side by side, each in its own tenant, events of one order one delivery after another.
    const dumps = await Promise.all(
      Array.from({ length: 10 }, async (_, order) => {
        const { tenantId, secret } = await intakeTenant(`order${order}`);
        for (const item of shuffled(stream, (order + 1) * 7919)) {
          const response = await signedFetch(EVENTS, {
            tenantId,
            secrets: [secret],
            body: JSON.stringify(item),
          });
          expect(response.status).toBe(200);
        }
        return canonicalDump(tenantId);
      }),
    );
    expect(dumps[0]).toMatchObject({
      accounts: [
        { ref: 'A-1', status: 'delinquent', lastSequence: 3 },
        { ref: 'A-2', status: 'current', lastSequence: 2 },
        { ref: 'A-3', status: 'closed' },
        { ref: 'A-4', status: 'current', lastSequence: 2 },
      ],
      cases: [
        { account: 'A-1', status: 'open', openSequence: 1, overdueAtOpen: 100_000, regionId: 'reg_nanshan' },
        { account: 'A-2', status: 'cured', openSequence: 1, overdueTotal: 0 },
        { account: 'A-3', status: 'closed' },
        { account: 'A-4', status: 'cured' },
      ],
      parked: [],
    });
    for (const dump of dumps.slice(1)) expect(dump).toEqual(dumps[0]);
  }, 30_000);

  it('cures the case on a payment that covers the overdue total and cancels its pending timers and visits not yet made', async () => {
    const { tenantId, secret } = await intakeTenant('cure');
    await signedFetch(EVENTS, {
      tenantId,
      secrets: [secret],
      body: JSON.stringify(delinquency('9', 1, 35, 120_000, '2026-10-01T00:00:00Z')),
    });
    const caseRow = await env.DB.prepare('SELECT id FROM cases WHERE tenant_id = ?')
      .bind(tenantId)
      .first<{ id: string }>();
    await env.DB.prepare(
      `INSERT INTO follow_up_timers (id, tenant_id, case_id, kind, due_at, state, idempotency_key, reason, created_at, updated_at)
       VALUES (?, ?, ?, 'ptp_check', 0, 'pending', ?, '{}', 0, 0), (?, ?, ?, 'revisit', 0, 'done', ?, '{}', 0, 0)`,
    )
      .bind(
        `fu_${tenantId}_1`,
        tenantId,
        caseRow!.id,
        `k1_${tenantId}`,
        `fu_${tenantId}_2`,
        tenantId,
        caseRow!.id,
        `k2_${tenantId}`,
      )
      .run();
    await env.DB.prepare(
      `INSERT INTO visits (id, tenant_id, case_id, purpose, agent_ids, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, 'understand_situation', '[]', 'planned', 0, 0),
              (?4, ?2, ?3, 'understand_situation', '[]', 'completed', 0, 0)`,
    )
      .bind(`vis_${tenantId}_planned`, tenantId, caseRow!.id, `vis_${tenantId}_made`)
      .run();

    const paid = await signedFetch(EVENTS, {
      tenantId,
      secrets: [secret],
      body: JSON.stringify(
        event('payment.received', '2026-10-02T09:00:00Z', {
          paymentRef: 'P-9',
          accountRef: 'A-9',
          amountMinor: 120_000,
          currency: 'CNY',
          paidAt: '2026-10-02T09:00:00Z',
        }),
      ),
    });
    expect(paid.status).toBe(200);
    const cases = await env.DB.prepare('SELECT status, ended_at FROM cases WHERE tenant_id = ?')
      .bind(tenantId)
      .all();
    expect(cases.results).toEqual([{ status: 'cured', ended_at: Date.parse('2026-10-02T09:00:00Z') }]);
    const timers = await env.DB.prepare(
      'SELECT kind, state FROM follow_up_timers WHERE tenant_id = ? ORDER BY kind',
    )
      .bind(tenantId)
      .all();
    expect(timers.results).toEqual([
      { kind: 'ptp_check', state: 'cancelled' },
      { kind: 'revisit', state: 'done' },
    ]);
    const visits = await env.DB.prepare('SELECT id, status FROM visits WHERE tenant_id = ? ORDER BY id')
      .bind(tenantId)
      .all();
    expect(visits.results).toEqual([
      { id: `vis_${tenantId}_made`, status: 'completed' },
      { id: `vis_${tenantId}_planned`, status: 'cancelled' },
    ]);
  });

  it('applies N concurrent deliveries of one id once and gives them all the same answer', async () => {
    const { tenantId, secret } = await intakeTenant('concurrent');
    const body = JSON.stringify([
      delinquency('5', 1, 40, 90_000, '2026-10-01T00:00:00Z'),
      event('payment.received', '2026-10-01T10:00:00Z', {
        paymentRef: 'P-5',
        accountRef: 'A-5',
        amountMinor: 10_000,
        currency: 'CNY',
        paidAt: '2026-10-01T10:00:00Z',
      }),
    ]);
    const at = new Date();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        signedFetch(EVENTS, { tenantId, secrets: [secret], id: 'msg_race', body, at }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    const answers = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(answers).size).toBe(1);
    const counts = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM customers WHERE tenant_id = ?1) AS customers,
              (SELECT COUNT(*) FROM cases WHERE tenant_id = ?1) AS cases,
              (SELECT COUNT(*) FROM payments WHERE tenant_id = ?1) AS payments,
              (SELECT overdue_total FROM cases WHERE tenant_id = ?1) AS overdue`,
    )
      .bind(tenantId)
      .first();
    expect(counts).toEqual({ customers: 1, cases: 1, payments: 1, overdue: 80_000 });
  });
});

describe('intake batch files', () => {
  it('answers a redelivered file with the same batch and applies it once', async () => {
    const { tenantId, secret } = await intakeTenant('batchdup');
    const body = [1, 2, 3]
      .map((i) => JSON.stringify(delinquency(`d${i}`, 1, 30, 100, '2026-10-01T00:00:00Z')))
      .join('\n');
    const first = await signedFetch('/v1/intake/batches', {
      contentType: NDJSON,
      tenantId,
      secrets: [secret],
      id: 'msg_file',
      body,
    });
    const again = await signedFetch('/v1/intake/batches', {
      contentType: NDJSON,
      tenantId,
      secrets: [secret],
      id: 'msg_file',
      body,
    });
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    const answer = await first.json<{ id: string }>();
    expect(await again.json()).toEqual(answer);
    const batches = await env.DB.prepare('SELECT COUNT(*) AS n FROM intake_batches WHERE tenant_id = ?')
      .bind(tenantId)
      .first();
    expect(batches).toEqual({ n: 1 });
  });

  it('applies a 10,000-line file through the queue and reports each bad line', async () => {
    const { tenantId, secret } = await intakeTenant('batch');
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      JSON.stringify(delinquency(`b${i}`, 1, 10 + (i % 120), 1_000 + i, '2026-10-01T00:00:00Z')),
    );
    lines[41] = '{"type":"account.delinquency_updated"';
    lines[4_999] = JSON.stringify(delinquency('bad', 1, -3, 100, '2026-10-01T00:00:00Z'));
    lines[9_998] = JSON.stringify({ ...event('loan.approved', '2026-10-01T00:00:00Z', {}) });
    const posted = await signedFetch('/v1/intake/batches', {
      contentType: NDJSON,
      tenantId,
      secrets: [secret],
      body: lines.join('\n'),
    });
    expect(posted.status).toBe(202);
    const location = posted.headers.get('Location')!;
    expect(await posted.json()).toMatchObject({
      status: 'queued',
      totalLines: 10_000,
      accepted: 9_997,
      rejected: 3,
      errors: [
        { line: 42, errors: [{ path: '/', code: 'invalid_json' }] },
        { line: 5_000, errors: [{ path: '/data/dpd' }] },
        { line: 9_999, errors: [{ path: '/type', code: 'unknown_event_type' }] },
      ],
    });

    let batch: { status: string; applied: number } = { status: 'queued', applied: 0 };
    for (let poll = 0; poll < 100 && batch.status !== 'completed'; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      batch = await (await signedFetch(location, { tenantId, secrets: [secret], method: 'GET' })).json();
    }
    expect(batch).toMatchObject({ status: 'completed', applied: 9_997, rejected: 3 });
    const cases = await env.DB.prepare('SELECT COUNT(*) AS n FROM cases WHERE tenant_id = ?')
      .bind(tenantId)
      .first();
    expect(cases).toEqual({ n: 9_997 });
  }, 60_000);
});
