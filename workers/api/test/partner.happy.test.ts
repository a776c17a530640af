import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { atServerTime } from './fixtures/clock';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('happy');
});

/** Cases straight into D1: `n` rows with priorities drawn so that many tie (ties are where keysets break). */
async function insertCases(prefix: string, n: number, priority: (i: number) => number | null) {
  const statements = Array.from({ length: n }, (_, i) =>
    env.DB.prepare(
      `INSERT INTO cases (id, tenant_id, customer_id, account_id, status, bucket, dpd, overdue_total, overdue_at_open, currency, region_id, agency_id, priority, opened_at, updated_at)
       VALUES (?, ?, ?, ?, 'open', 'M1', 10, 1000, 1000, 'CNY', 'reg_futian', ?, ?, 0, 0)`,
    ).bind(
      `case_${prefix}_${String(i).padStart(4, '0')}`,
      f.tenantId,
      f.customerA,
      `acc_${prefix}_${i}`,
      f.agencyA,
      priority(i),
    ),
  );
  await env.DB.batch(statements);
}

type Page = { items: { id: string; priority: number | null }[]; nextCursor: string | null };

describe('case list pagination', () => {
  it('walks every case exactly once in priority order while new cases are inserted between pages', async () => {
    await insertCases('pg', 120, (i) => (i % 7 === 0 ? null : (i % 5) / 4));
    const seen: Page['items'] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const response = await call(f.keys.supervisor, 'GET', `/v1/cases?limit=25${query}`);
      expect(response.status).toBe(200);
      const page: Page = await response.json<Page>();
      seen.push(...page.items);
      cursor = page.nextCursor;
      // Concurrent inserts on both sides of the cursor: above it (top priority) and below it (unscreened).
      await insertCases(`new${round++}`, 3, (i) => (i === 0 ? 1 : i === 1 ? null : 0.5));
    } while (cursor !== null);

    const ids = seen.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const original = Array.from({ length: 120 }, (_, i) => `case_pg_${String(i).padStart(4, '0')}`);
    expect(ids.filter((id) => id.startsWith('case_pg_')).sort()).toEqual(original);
    const rank = (c: Page['items'][number]) => (c.priority === null ? -1 : c.priority);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(rank(a) > rank(b) || (rank(a) === rank(b) && a.id > b.id)).toBe(true);
    }
  });

  it('serves every list filter from an index, without a temp sort', async () => {
    const plans: Record<string, string[]> = {};
    const queries = {
      all: ['', []],
      status: ['AND status = ?', ['open']],
      region: ['AND region_id = ?', ['reg_futian']],
      agency: ['AND agency_id = ?', [f.agencyA]],
    } as const;
    for (const [name, [where, binds]] of Object.entries(queries)) {
      const { results } = await env.DB.prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM cases WHERE tenant_id = ? ${where} AND ((priority, id) < (?, ?) OR priority IS NULL) ORDER BY priority DESC, id DESC LIMIT 51`,
      )
        .bind(f.tenantId, ...binds, 0.5, 'case_x')
        .all<{ detail: string }>();
      plans[name] = results.map((r) => r.detail);
    }
    for (const [name, details] of Object.entries(plans)) {
      expect(details.join(' | '), name).toMatch(/USING (COVERING )?INDEX cases_/);
      expect(details.join(' | '), name).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe('visits', () => {
  it('an agent checks in and records an outcome; a promise and follow-up timers are written with it', async () => {
    const read = await call(f.keys.agent, 'GET', `/v1/visits/${f.visitA1}`);
    expect(read.status).toBe(200);
    // The agent's device and the server agree on the time: five minutes into the visit's window.
    const checkedIn = await atServerTime('2026-11-02T02:05:00.000Z', () =>
      call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/check-in`, {
        body: { at: '2026-11-02T02:05:00.000Z', lat: 22.541, lon: 114.052 },
        headers: { 'If-Match': read.headers.get('ETag')! },
      }),
    );
    expect(checkedIn.status).toBe(200);
    const recorded = await atServerTime('2026-11-02T02:40:00.000Z', () =>
      call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
        body: {
          contactResult: 'customer_met',
          checklist: [
            { item: 'show_staff_id', confirmed: true },
            { item: 'state_name_and_bank', confirmed: true },
            { item: 'confirm_right_party', confirmed: true },
            { item: 'state_purpose', confirmed: true },
          ],
          hardshipReasons: ['job_loss'],
          willingness: 4,
          monthlyAbilityToPay: { amountMinor: 80000, currency: 'CNY' },
          satisfaction: 4,
          promiseToPay: { amount: { amountMinor: 50000, currency: 'CNY' }, dueDate: '2026-11-20' },
          notes: 'Lost job in October, new job from December.',
        },
        headers: { 'If-Match': checkedIn.headers.get('ETag')! },
      }),
    );
    expect(recorded.status, await recorded.clone().text()).toBe(200);
    const visit = await recorded.json<{ status: string; outcome: { notes: string } }>();
    expect(visit.status).toBe('completed');

    const timers = await env.DB.prepare(
      'SELECT kind FROM follow_up_timers WHERE tenant_id = ? AND case_id = ?',
    )
      .bind(f.tenantId, f.caseA)
      .all<{ kind: string }>();
    expect(timers.results.length).toBeGreaterThan(0);
    const promise = await env.DB.prepare(
      'SELECT promised_date, amount FROM promises WHERE tenant_id = ? AND case_id = ?',
    )
      .bind(f.tenantId, f.caseA)
      .first();
    expect(promise).toEqual({ promised_date: '2026-11-20', amount: 50000 });
    const listed = await (await call(f.keys.agent, 'GET', `/v1/cases/${f.caseA}/promises`)).json<{
      items: { promisedDate: string; status: string }[];
    }>();
    expect(listed.items).toMatchObject([{ promisedDate: '2026-11-20', status: 'open' }]);
    const kase = await (await call(f.keys.agent, 'GET', `/v1/cases/${f.caseA}`)).json<{ status: string }>();
    expect(kase.status).toBe('visited');

    const masked = await (await call(f.keys.analyst, 'GET', `/v1/visits/${f.visitA1}`)).json<{
      checkIn: { lat: number | null; lon: number | null };
      outcome: { notes: string };
    }>();
    expect(masked.outcome.notes).toBe('***');
    // Where the agent checked in is the customer's door.
    expect(masked.checkIn).toMatchObject({ lat: null, lon: null });
    const seen = await (await call(f.keys.supervisor, 'GET', `/v1/visits/${f.visitA1}`)).json<{
      checkIn: { lat: number | null; receivedAt: string; distanceMeters: number; flags: unknown[] };
    }>();
    expect(seen.checkIn).toMatchObject({
      receivedAt: '2026-11-02T02:05:00.000Z',
      distanceMeters: 234,
      flags: [],
    });
    expect(seen.checkIn.lat).not.toBeNull();
    const audit = await (await call(f.keys.supervisor, 'GET', `/v1/audit?subjectId=${f.visitA1}`)).json<{
      items: { action: string; actor: { role: string } }[];
    }>();
    expect(audit.items.map((e) => e.action)).toEqual(['visit.outcome-recorded', 'visit.checked-in']);
  });
});

describe('policy set', () => {
  it('activates validated versions and keeps the history', async () => {
    const before = await (await call(f.keys.analyst, 'GET', '/v1/policy-set')).json<{
      version: number;
      document: object;
    }>();
    expect(before.version).toBe(0);
    const document = { ...before.document, version: 'tighter' };
    for (const reason of ['first', 'second']) {
      const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
        body: { document, reason },
      });
      expect(activated.status).toBe(201);
    }
    const history = await (await call(f.keys.supervisor, 'GET', '/v1/policy-set/versions')).json<{
      items: { version: number; active: boolean }[];
    }>();
    expect(history.items.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});

describe('webhook subscriptions', () => {
  it('creates with a secret shown once, lists without it, and stops idempotently', async () => {
    const created = await call(f.keys.admin, 'POST', '/v1/webhook-subscriptions', {
      body: { url: 'https://partner.example/hooks', eventTypes: ['*'] },
    });
    expect(created.status).toBe(201);
    const { subscription, secret } = await created.json<{ subscription: { id: string }; secret: string }>();
    const listed = await call(f.keys.supervisor, 'GET', '/v1/webhook-subscriptions');
    const text = await listed.text();
    expect(text).toContain(subscription.id);
    expect(text).not.toContain(secret);
    for (let i = 0; i < 2; i++) {
      const stopped = await call(f.keys.admin, 'DELETE', `/v1/webhook-subscriptions/${subscription.id}`);
      expect(await stopped.json()).toMatchObject({ id: subscription.id, active: false });
    }
  });
});
