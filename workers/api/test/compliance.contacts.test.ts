/**
 * Remote contact attempts (`POST /v1/cases/{caseId}/contacts`): recorded once, audited, and counted by
 * the packs with visits. Under the US pack a call that reached the customer opens the no-contact period
 * after a conversation, so a visit in it is refused naming `contact-frequency`.
 */
import { env } from 'cloudflare:test';
import { toInstant } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
const NOW = Date.now();
const DAY = 86_400_000;
// Two days ahead, 14:00–15:00 UTC: 09:00–11:00 in New York whatever the season, inside US contact hours.
const dayAhead = Math.floor(NOW / DAY) * DAY + 2 * DAY;
const window = { start: toInstant(dayAhead + 14 * 3_600_000), end: toInstant(dayAhead + 15 * 3_600_000) };

beforeAll(async () => {
  f = await createFixtureTenant('ctat');
  await env.DB.prepare(`UPDATE tenants SET jurisdiction = 'us', time_zone = 'America/New_York' WHERE id = ?`)
    .bind(f.tenantId)
    .run();
});

const createVisit = (caseId: string) =>
  call(f.keys.supervisor, 'POST', '/v1/visits', {
    body: { caseId, purpose: 'understand_situation', agentIds: [f.agentA1], window },
  });

describe('remote contact attempts', () => {
  it('counts a call that reached the customer: a visit in the week after it is refused', async () => {
    // Control: the same window on the other customer, with no contact, is allowed.
    expect((await createVisit(f.caseB)).status).toBe(201);

    const recorded = await call(f.keys.supervisor, 'POST', `/v1/cases/${f.caseA}/contacts`, {
      body: { at: toInstant(NOW - 3_600_000), channel: 'call', reached: true },
    });
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toMatchObject({ caseId: f.caseA, channel: 'call', reached: true });

    const refused = await createVisit(f.caseA);
    expect(refused.status).toBe(422);
    const problem = await refused.json<{ code: string; vetoes: { rule: string; code: string }[] }>();
    expect(problem.code).toBe('VISIT.COMPLIANCE_VETO');
    expect(problem.vetoes).toContainEqual(
      expect.objectContaining({ rule: 'contact-frequency', code: 'contact.after-conversation' }),
    );
  });

  it('records a retried report once, with its audit row', async () => {
    const report = () =>
      call(f.keys.agency, 'POST', `/v1/cases/${f.caseA}/contacts`, {
        body: { at: toInstant(NOW - 7_200_000), channel: 'sms', reached: false },
        headers: { 'Idempotency-Key': 'contact-report-1' },
      });
    const [first, second] = [await report(), await report()];
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const stored = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM contact_attempts WHERE tenant_id = ? AND channel = 'sms'`,
    )
      .bind(f.tenantId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(1);
    const audit = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'contact.recorded'`,
    )
      .bind(f.tenantId)
      .first<{ n: number }>();
    expect(audit?.n).toBe(2);
  });

  it('lists the case’s attempts newest first, within the key’s scope', async () => {
    const list = await call(f.keys.agency, 'GET', `/v1/cases/${f.caseA}/contacts?limit=1`);
    expect(list.status).toBe(200);
    const { items } = await list.json<{ items: { channel: string; at: string }[] }>();
    expect(items).toEqual([expect.objectContaining({ channel: 'call', at: toInstant(NOW - 3_600_000) })]);
    const all = await (await call(f.keys.supervisor, 'GET', `/v1/cases/${f.caseA}/contacts`)).json<{
      items: { channel: string }[];
    }>();
    expect(all.items.map((item) => item.channel)).toEqual(['call', 'sms']);
    // Agency A's key does not see agency B's case: its list is 404 like the case.
    const foreign = await call(f.keys.agency, 'GET', `/v1/cases/${f.caseB}/contacts`);
    expect(foreign.status).toBe(404);
  });

  it('shows the attempts in the case dossier with the visits, newest first', async () => {
    const dossier = await call(f.keys.supervisor, 'GET', `/v1/cases/${f.caseA}/dossier`);
    expect(dossier.status).toBe(200);
    const { contacts } = (await dossier.json<{ dossier: { contacts: unknown } }>()).dossier;
    // The reached call an hour ago and the text two hours ago (the fixture's visits have no outcome).
    expect(contacts).toMatchObject({ attempts: 2, reached: 1, lastAt: toInstant(NOW - 3_600_000) });
  });

  it('refuses an attempt in the future, an unknown channel, and a case outside the key’s scope', async () => {
    const future = await call(f.keys.supervisor, 'POST', `/v1/cases/${f.caseA}/contacts`, {
      body: { at: toInstant(NOW + DAY), channel: 'call', reached: false },
    });
    expect(future.status).toBe(422);
    expect(await future.json()).toMatchObject({ errors: [expect.objectContaining({ path: '/at' })] });

    const channel = await call(f.keys.supervisor, 'POST', `/v1/cases/${f.caseA}/contacts`, {
      body: { at: toInstant(NOW), channel: 'pigeon', reached: false },
    });
    expect(channel.status).toBe(422);
    expect(await channel.json()).toMatchObject({ errors: [expect.objectContaining({ path: '/channel' })] });

    // Agency A's key does not see agency B's case.
    const foreign = await call(f.keys.agency, 'POST', `/v1/cases/${f.caseB}/contacts`, {
      body: { at: toInstant(NOW), channel: 'call', reached: false },
    });
    expect(foreign.status).toBe(404);
  });
});
