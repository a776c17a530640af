/**
 * A customer over time: two accounts, three cases (one cured, one re-defaulted on the same account, one
 * on the other account), with snapshots, visits and their outcomes, contacts, promises, plans and
 * lessons. The timeline must hold every item once, newest first, across pages, within the key's scope.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { insertRows } from './follow-ups.fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6, 2, 0, 0);
const at = (days: number) => T0 + days * DAY;

let f: FixtureTenant;
const customer = 'cus_tl_c';
const [loan, card] = ['acc_tl_loan', 'acc_tl_card'];
const [curedCase, cardCase, againCase] = ['case_tl_1', 'case_tl_2', 'case_tl_3'];

interface Item {
  kind: string;
  at: string;
  id: string;
  accountId: string | null;
  caseId: string | null;
  data: Record<string, unknown>;
}

/** What the timeline must contain, as `kind id` (the fixture below writes exactly these). */
const EXPECTED = [
  `account.opened ${loan}`,
  `account.opened ${card}`,
  `case.opened ${curedCase}`,
  `case.ended ${curedCase}`,
  `case.opened ${cardCase}`,
  `case.opened ${againCase}`,
  `delinquency.snapshot ${loan}:0000000001`,
  `delinquency.snapshot ${loan}:0000000002`,
  `delinquency.snapshot ${loan}:0000000003`,
  `delinquency.snapshot ${card}:0000000001`,
  'visit vis_tl_1',
  'visit vis_tl_2',
  'visit vis_tl_3',
  'contact cta_tl_1',
  'contact cta_tl_2',
  'promise ptp_tl_1',
  'repayment-plan plan_tl_1',
  'lesson edu_tl_1',
];

beforeAll(async () => {
  f = await createFixtureTenant('tl');
  const db = env.DB;
  const tenant = f.tenantId;
  await db.batch([
    ...insertRows(db, 'customers', [
      {
        id: customer,
        tenant_id: tenant,
        external_ref: customer,
        name: 'Li Lei',
        source_updated_at: T0,
        created_at: T0,
        updated_at: T0,
      },
    ]),
    ...insertRows(
      db,
      'accounts',
      [
        [loan, 'loan', at(0)],
        [card, 'credit_card', at(1)],
      ].map(([id, kind, created]) => ({
        id,
        tenant_id: tenant,
        customer_id: customer,
        external_ref: id,
        kind,
        product: kind,
        currency: 'CNY',
        limit_or_principal: 1_000_000,
        status: 'delinquent',
        created_at: created,
        updated_at: created,
      })),
    ),
    ...insertRows(
      db,
      'cases',
      [
        [curedCase, loan, 'cured', f.agencyA, at(10), at(60)],
        [cardCase, card, 'in_follow_up', f.agencyB, at(20), null],
        [againCase, loan, 'screened', f.agencyA, at(150), null],
      ].map(([id, account, status, agency, opened, ended]) => ({
        id,
        tenant_id: tenant,
        customer_id: customer,
        account_id: account,
        status,
        bucket: 'M1',
        dpd: 12,
        overdue_total: 50_000,
        overdue_at_open: 50_000,
        currency: 'CNY',
        agency_id: agency,
        opened_at: opened,
        ended_at: ended,
        updated_at: opened,
      })),
    ),
    ...insertRows(
      db,
      'delinquency_snapshots',
      [
        [loan, 1, '2025-01-15', 5],
        [loan, 2, '2025-03-07', 0],
        [loan, 3, '2025-06-05', 8],
        [card, 1, '2025-01-25', 3],
      ].map(([account, sequence, asOf, dpd]) => ({
        tenant_id: tenant,
        account_id: account,
        sequence,
        as_of: asOf,
        dpd,
        overdue_principal: 10_000,
        overdue_interest: 0,
        overdue_fees: 0,
        currency: 'CNY',
        bucket: 'M1',
        received_at: at(200),
      })),
    ),
    ...insertRows(
      db,
      'visits',
      [
        ['vis_tl_1', curedCase, 'completed', at(30)],
        ['vis_tl_2', cardCase, 'completed', at(31)],
        ['vis_tl_3', againCase, 'planned', at(160)],
      ].map(([id, kase, status, window]) => ({
        id,
        tenant_id: tenant,
        case_id: kase,
        purpose: 'understand_situation',
        agent_ids: JSON.stringify([f.agentA1]),
        lead_agent_id: f.agentA1,
        window_start: window,
        window_end: (window as number) + 3_600_000,
        status,
        created_at: T0,
        updated_at: T0,
      })),
    ),
    ...insertRows(
      db,
      'visit_outcomes',
      [
        ['vis_tl_1', curedCase, at(30) + 1_800_000, 'Works shifts at the port; paid on the 15th'],
        ['vis_tl_2', cardCase, at(31) + 1_800_000, 'Card lent to a cousin'],
      ].map(([visit, kase, recorded, notes]) => ({
        visit_id: visit,
        tenant_id: tenant,
        case_id: kase,
        agent_id: f.agentA1,
        contact_result: 'customer_met',
        local_date: '2025-02-05',
        bucket: 'M1',
        checklist: '[]',
        hardship: '["irregular_income"]',
        willingness: 4,
        satisfaction: 5,
        notes,
        recorded_at: recorded,
      })),
    ),
    ...insertRows(db, 'contact_attempts', [
      {
        id: 'cta_tl_1',
        tenant_id: tenant,
        case_id: curedCase,
        customer_id: customer,
        channel: 'call',
        reached: 1,
        at: at(25),
        recorded_by_key_id: 'k',
        created_at: at(25),
      },
      {
        id: 'cta_tl_2',
        tenant_id: tenant,
        case_id: cardCase,
        customer_id: customer,
        channel: 'sms',
        reached: 0,
        at: at(26),
        recorded_by_key_id: 'k',
        created_at: at(26),
      },
    ]),
    ...insertRows(db, 'promises', [
      {
        id: 'ptp_tl_1',
        tenant_id: tenant,
        case_id: curedCase,
        visit_id: 'vis_tl_1',
        amount: 50_000,
        currency: 'CNY',
        promised_date: '2025-02-20',
        due_at: at(46),
        status: 'kept',
        paid: 50_000,
        created_at: at(30) + 1_800_000,
      },
    ]),
    ...insertRows(db, 'repayment_plans', [
      {
        id: 'plan_tl_1',
        tenant_id: tenant,
        case_id: cardCase,
        status: 'accepted',
        total: 30_000,
        currency: 'CNY',
        term_months: 6,
        reasons: '[]',
        proposed_at: at(32),
        accepted_at: at(33),
      },
    ]),
    ...insertRows(db, 'lesson_assignments', [
      {
        id: 'edu_tl_1',
        tenant_id: tenant,
        customer_id: customer,
        case_id: curedCase,
        lesson_id: 'budgeting',
        lesson_version: 1,
        language: 'zh-CN',
        jurisdiction: 'cn',
        source: 'follow-up',
        source_id: 'tmr',
        assigned_at: at(37),
        local_date: '2025-02-12',
      },
    ]),
  ]);
});

async function everyPage(key: string, limit: number): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${cursor}`;
    const response = await call(key, 'GET', `/v1/customers/${customer}/timeline?${query}`);
    expect(response.status).toBe(200);
    const page = await response.json<{ items: Item[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
    // A cursor that does not move on would page forever; the list is far shorter than this.
    expect(items.length).toBeLessThanOrEqual(EXPECTED.length);
  } while (cursor !== null);
  return items;
}

const names = (items: Item[]) => items.map((item) => `${item.kind} ${item.id}`);

describe('GET /v1/customers/{customerId}/timeline', () => {
  it('holds every account, case, snapshot, visit, contact, promise, plan and lesson once, newest first', async () => {
    const items = await everyPage(f.keys.supervisor, 200);
    expect(names(items).sort()).toEqual([...EXPECTED].sort());
    const times = items.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(items[0]).toMatchObject({ kind: 'visit', id: 'vis_tl_3', caseId: againCase, accountId: loan });
    expect(items.find((item) => item.id === 'vis_tl_1')?.data).toMatchObject({
      status: 'completed',
      outcome: {
        contactResult: 'customer_met',
        hardshipReasons: ['irregular_income'],
        notes: 'Works shifts at the port; paid on the 15th',
      },
    });
    // A snapshot sits at the start of its as-of day in the tenant's zone (Shanghai, UTC+8).
    expect(items.find((item) => item.id === `${loan}:0000000002`)?.at).toBe('2025-03-06T16:00:00.000Z');
  });

  it('pages through the same list with no item skipped or repeated, whatever the page size', async () => {
    const whole = names(await everyPage(f.keys.supervisor, 200));
    for (const limit of [1, 3, 7]) expect(names(await everyPage(f.keys.supervisor, limit))).toEqual(whole);
  });

  it('shows an agency key only its cases’ items and masks visit notes; refuses a cursor it did not issue', async () => {
    const items = await everyPage(f.keys.agency, 4);
    expect(items.every((item) => item.caseId === null || item.caseId !== cardCase)).toBe(true);
    expect(names(items)).not.toContain(`account.opened ${card}`);
    expect(names(items)).toContain(`account.opened ${loan}`);
    expect(items.find((item) => item.id === 'vis_tl_1')?.data).toMatchObject({ outcome: { notes: '***' } });
    const analyst = await everyPage(f.keys.analyst, 50);
    expect(analyst).toHaveLength(EXPECTED.length);
    expect(analyst.find((item) => item.id === 'vis_tl_2')?.data).toMatchObject({ outcome: { notes: '***' } });
    expect(
      (await call(f.keys.admin, 'GET', `/v1/customers/${customer}/timeline?cursor=WzEsIngiLCJ5Il0`)).status,
    ).toBe(422);
    expect((await call(f.keys.admin, 'GET', `/v1/customers/${f.customerA}/timeline`)).status).toBe(200);
  });
});
