/**
 * `POST /v1/compliance/contact-checks` — "may we contact this customer now?" — for every pack and
 * every channel, through the whole worker: the tenant's packs answer with every rule's reason and the
 * next allowed windows; nothing is recorded but an audit row; bad input is problem+json naming the
 * field; agency and agent keys ask only about their own customers.
 */
import { env } from 'cloudflare:test';
import { addDays, type ContactChannel, localDateAt, toInstant, zonedToInstant } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

const PACKS = [
  { pack: 'cn', zone: 'Asia/Shanghai' },
  { pack: 'us', zone: 'America/New_York' },
  { pack: 'in', zone: 'Asia/Kolkata' },
  { pack: 'uk', zone: 'Europe/London' },
] as const;
type Pack = (typeof PACKS)[number]['pack'];
const tenants = new Map<Pack, FixtureTenant>();

beforeAll(async () => {
  for (const { pack, zone } of PACKS) {
    const f = await createFixtureTenant(`cchk${pack}`);
    await env.DB.prepare(`UPDATE tenants SET jurisdiction = ?, time_zone = ? WHERE id = ?`)
      .bind(pack, zone, f.tenantId)
      .run();
    tenants.set(pack, f);
  }
});

const tenant = (pack: Pack) => {
  const f = tenants.get(pack);
  if (!f) throw new Error(pack);
  return f;
};

/** Tomorrow at a local wall-clock time in the pack's zone (always inside the 90-day horizon). */
const tomorrowAt = (zone: string, time: string) =>
  zonedToInstant(addDays(localDateAt(toInstant(Date.now()), zone), 1), time, zone);

interface Answer {
  allowed: boolean;
  channel: string;
  caseId: string;
  reasons: { rule: string; code: string; message: string; overridable: boolean }[];
  nextWindows: { start: string; end: string }[];
}

async function check(pack: Pack, body: Record<string, unknown>, key = tenant(pack).keys.supervisor) {
  const response = await call(key, 'POST', '/v1/compliance/contact-checks', {
    body: { customerId: tenant(pack).customerA, ...body },
  });
  return { status: response.status, body: await response.json<Answer>() };
}

const CHANNELS: ContactChannel[] = ['visit', 'call', 'sms', 'email', 'letter'];

describe('contact checks, every pack and channel', () => {
  for (const { pack, zone } of PACKS) {
    const staffIds = (f: FixtureTenant) => [f.agentA1, f.agentA2];

    for (const channel of CHANNELS)
      it(`${pack} ${channel} at 23:30 local: ${channel === 'letter' ? 'allowed (the post’s hour)' : 'refused by contact-hours, with the next windows'}`, async () => {
        const { status, body } = await check(pack, {
          channel,
          at: tomorrowAt(zone, '23:30'),
          staffIds: staffIds(tenant(pack)),
        });
        expect(status).toBe(200);
        expect(body.channel).toBe(channel);
        expect(body.caseId).toBe(tenant(pack).caseA);
        if (channel === 'letter') {
          expect(body).toMatchObject({ allowed: true, reasons: [] });
          return;
        }
        expect(body.allowed).toBe(false);
        expect(body.reasons.map((r) => r.rule)).toContain('contact-hours');
        const hours = body.reasons.find((r) => r.rule === 'contact-hours');
        expect(hours).toMatchObject({ code: 'hours.outside-allowed', overridable: false });
        expect(hours?.message).toContain(zone);
        expect(body.nextWindows.length).toBeGreaterThan(0);
        expect(Date.parse(body.nextWindows[0]?.start ?? '')).toBeGreaterThan(
          Date.parse(tomorrowAt(zone, '23:30')),
        );
      });

    it(`${pack}: at 11:00 local a call, a text, an e-mail and a letter are allowed${pack === 'uk' ? '; a visit waits for 48 hours’ notice' : ', and a visit by two staff'}`, async () => {
      const at = tomorrowAt(zone, '11:00');
      for (const channel of CHANNELS) {
        const { body } = await check(pack, { channel, at, staffIds: staffIds(tenant(pack)) });
        if (pack === 'uk' && channel === 'visit') {
          expect(body).toMatchObject({
            allowed: false,
            reasons: [{ rule: 'notice', code: 'visit.short-notice' }],
          });
          expect(Date.parse(body.nextWindows[0]?.start ?? '')).toBeGreaterThan(Date.now() + 47 * 3_600_000);
        } else
          expect({ channel, allowed: body.allowed, reasons: body.reasons }).toEqual({
            channel,
            allowed: true,
            reasons: [],
          });
      }
    });

    it(`${pack}: a deceased, disputed customer is refused on every channel with every rule named and no window ahead`, async () => {
      const f = tenant(pack);
      await env.DB.prepare(`UPDATE customers SET flags = ?, version = version + 1 WHERE id = ?`)
        .bind(JSON.stringify({ deceased: true, dispute: true }), f.customerB)
        .run();
      for (const channel of CHANNELS) {
        const response = await call(f.keys.supervisor, 'POST', '/v1/compliance/contact-checks', {
          body: { customerId: f.customerB, channel, at: tomorrowAt(zone, '11:00'), staffIds: staffIds(f) },
        });
        const body = await response.json<Answer>();
        expect(body.allowed).toBe(false);
        expect(body.reasons.slice(0, 2).map((r) => [r.rule, r.overridable])).toEqual([
          ['deceased', false],
          ['dispute', true],
        ]);
        expect(body.nextWindows).toEqual([]);
      }
    });
  }

  it('cn: a visit by one collector is refused for staff, a call by one is not', async () => {
    const f = tenant('cn');
    const at = tomorrowAt('Asia/Shanghai', '11:00');
    const visit = await check('cn', { channel: 'visit', at, staffIds: [f.agentA1] });
    expect(visit.body.reasons.map((r) => r.rule)).toEqual(['two-staff']);
    expect((await check('cn', { channel: 'call', at, staffIds: [f.agentA1] })).body.allowed).toBe(true);
  });

  it('a vulnerable customer: collection refused on every channel, a supportive call allowed in hours', async () => {
    for (const { pack, zone } of PACKS) {
      const f = tenant(pack);
      await env.DB.prepare(`UPDATE customers SET flags = ?, version = version + 1 WHERE id = ?`)
        .bind(JSON.stringify({ vulnerability: { kind: 'health' } }), f.customerA)
        .run();
      const at = tomorrowAt(zone, '11:00');
      for (const channel of CHANNELS)
        expect(
          (await check(pack, { channel, at, staffIds: [f.agentA1, f.agentA2] })).body.reasons[0]?.rule,
        ).toBe('vulnerable');
      expect((await check(pack, { channel: 'call', at, purpose: 'supportive' })).body.allowed).toBe(true);
      await env.DB.prepare(`UPDATE customers SET flags = '{}', version = version + 1 WHERE id = ?`)
        .bind(f.customerA)
        .run();
    }
  });
});

describe('contact checks record nothing but their audit row', () => {
  it('writes one audit row naming the answer and leaves the contact log alone', async () => {
    const f = tenant('us');
    const count = async (table: string) =>
      (
        await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`)
          .bind(f.tenantId)
          .first<{ n: number }>()
      )?.n;
    const before = { contacts: await count('contact_attempts'), visits: await count('visits') };
    const at = tomorrowAt('America/New_York', '23:30');
    await check('us', { channel: 'call', at });
    expect({ contacts: await count('contact_attempts'), visits: await count('visits') }).toEqual(before);
    const audit = await env.DB.prepare(
      `SELECT actor_role, subject_type, subject_id, data FROM audit_log
       WHERE tenant_id = ? AND action = 'compliance.contact-checked' ORDER BY at DESC LIMIT 1`,
    )
      .bind(f.tenantId)
      .first<{ actor_role: string; subject_type: string; subject_id: string; data: string }>();
    expect(audit).toMatchObject({
      actor_role: 'supervisor',
      subject_type: 'customer',
      subject_id: f.customerA,
    });
    expect(JSON.parse(audit?.data ?? '{}')).toMatchObject({
      channel: 'call',
      at,
      allowed: false,
      rules: ['contact-hours'],
    });
  });
});

describe('contact checks refuse bad input with the field path, and keep to the key’s scope', () => {
  const f = () => tenant('cn');
  const at = () => tomorrowAt('Asia/Shanghai', '11:00');
  const problem = async (body: Record<string, unknown>, key = f().keys.supervisor) => {
    const response = await call(key, 'POST', '/v1/compliance/contact-checks', { body });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      paths: ((await response.json<{ errors?: { path: string }[] }>()).errors ?? []).map((e) => e.path),
    };
  };

  it.each([
    ['an unknown channel', { channel: 'fax' }, '/channel'],
    ['a moment that is not an instant', { at: 'tomorrow' }, '/at'],
    ['a moment already past', { at: toInstant(Date.now() - 3_600_000) }, '/at'],
    ['a moment beyond 90 days', { at: toInstant(Date.now() + 91 * 86_400_000) }, '/at'],
    ['an unknown purpose', { purpose: 'pressure' }, '/purpose'],
    ['a staff id of nobody', { staffIds: ['agt_nobody'] }, '/staffIds/0'],
    ['too many staff', { staffIds: Array.from({ length: 9 }, (_, i) => `agt_${i}`) }, '/staffIds'],
  ])('%s → 422 at %s', async (_name, change, path) => {
    const result = await problem({ customerId: f().customerA, channel: 'call', at: at(), ...change });
    expect(result).toEqual({ status: 422, type: 'application/problem+json', paths: [path] });
  });

  it('a missing customer id is 422 at /customerId; an unknown one is 404', async () => {
    expect(await problem({ channel: 'call', at: at() })).toMatchObject({
      status: 422,
      paths: ['/customerId'],
    });
    expect((await problem({ customerId: 'cus_nobody', channel: 'call', at: at() })).status).toBe(404);
  });

  it('agency and agent keys ask only about customers of their own cases; another tenant’s is 404', async () => {
    const body = (customerId: string) => ({ customerId, channel: 'call', at: at() });
    expect((await problem(body(f().customerA), f().keys.agent)).status).toBe(200);
    expect((await problem(body(f().customerB), f().keys.agent)).status).toBe(404);
    expect((await problem(body(f().customerB), f().keys.agency)).status).toBe(404);
    expect((await problem(body(tenant('us').customerA))).status).toBe(404);
    expect((await problem(body(f().customerA), f().keys.analyst)).status).toBe(403);
  });
});
