/**
 * Cancel, reschedule and reassign through the real routes: each guarded by `If-Match`, judged by the
 * tenant's compliance again where it puts someone on a doorstep, audited, announced as its outbound
 * event (and fanned out to a subscription), and answered the same when repeated.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../src/webhooks/sign';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';
import { insertRows } from './follow-ups.fixtures';

let f: FixtureTenant;
const AGENT_C = 'agt_life_c';
// 2026-11-03 in Shanghai (UTC+8): local hour h is h - 8 UTC.
const local = (from: number, to: number) => ({
  start: new Date(Date.UTC(2026, 10, 3, from - 8)).toISOString(),
  end: new Date(Date.UTC(2026, 10, 3, to - 8)).toISOString(),
});

let sequence = 0;
/**
 * A case of its own customer (so no other visit's cool-down counts) with one planned visit of agent
 * A1 and agent C, 10:00–11:00 local.
 */
async function aPlannedVisit(status = 'planned') {
  const n = sequence++;
  const caseId = `case_life_${n}`;
  const visitId = `vis_life_${n}`;
  const customerId = `cus_life_${n}`;
  const window = local(10, 11);
  await env.DB.batch([
    ...insertRows(env.DB, 'customers', [
      {
        id: customerId,
        tenant_id: f.tenantId,
        external_ref: customerId,
        name: 'Li Wei',
        lat: 22.54,
        lon: 114.05,
        region_id: 'reg_futian',
        source_updated_at: 0,
        created_at: 0,
        updated_at: 0,
      },
    ]),
    ...insertRows(env.DB, 'cases', [
      {
        id: caseId,
        tenant_id: f.tenantId,
        customer_id: customerId,
        account_id: `acc_life_${n}`,
        status: 'planned',
        bucket: 'M2',
        dpd: 45,
        overdue_total: 320000,
        overdue_at_open: 320000,
        currency: 'CNY',
        region_id: 'reg_futian',
        agency_id: f.agencyA,
        eligible: 1,
        priority: 0.5,
        opened_at: 0,
        updated_at: 0,
      },
    ]),
    ...insertRows(env.DB, 'visits', [
      {
        id: visitId,
        tenant_id: f.tenantId,
        case_id: caseId,
        purpose: 'understand_situation',
        agent_ids: JSON.stringify([f.agentA1, AGENT_C]),
        lead_agent_id: f.agentA1,
        window_start: Date.parse(window.start),
        window_end: Date.parse(window.end),
        status,
        created_at: 0,
        updated_at: 0,
      },
    ]),
  ]);
  return { caseId, visitId };
}

const post = (path: string, body: unknown, version: number | null = 1, key = f.keys.supervisor) =>
  call(key, 'POST', path, { body, headers: version === null ? {} : { 'If-Match': `"${version}"` } });

/** An event's own data: the envelope's core-banking numbers (`customerRef`, `accountRef`) are the outbox's, tested there. */
const eventsOf = async (visitId: string) =>
  (
    await env.DB.prepare(
      `SELECT type, data FROM outbound_events WHERE tenant_id = ? AND json_extract(data, '$.visitId') = ? ORDER BY occurred_at`,
    )
      .bind(f.tenantId, visitId)
      .all<{ type: string; data: string }>()
  ).results.map((row) => {
    const {
      customerRef: _customer,
      accountRef: _account,
      ...data
    } = JSON.parse(row.data) as Record<string, unknown>;
    return { type: row.type, data };
  });

const deliveriesOf = async (type: string) =>
  (
    await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM webhook_deliveries WHERE tenant_id = ? AND event_type = ?`,
    )
      .bind(f.tenantId, type)
      .first<{ n: number }>()
  )?.n ?? 0;

const auditOf = async (visitId: string) =>
  (
    await env.DB.prepare(
      `SELECT action FROM audit_log WHERE tenant_id = ? AND subject_id = ? ORDER BY at, id`,
    )
      .bind(f.tenantId, visitId)
      .all<{ action: string }>()
  ).results.map((row) => row.action);

beforeAll(async () => {
  f = await createFixtureTenant('life');
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO agents (id, tenant_id, agency_id, name, home_lat, home_lon, shift_start, shift_end, daily_capacity, created_at, updated_at)
       VALUES (?, ?, ?, 'Agent C', 22.54, 114.05, '09:00', '18:00', 8, 0, 0)`,
    ).bind(AGENT_C, f.tenantId, f.agencyA),
    ...insertRows(env.DB, 'webhook_subscriptions', [
      {
        id: 'whs_life',
        tenant_id: f.tenantId,
        url: 'https://partner.example/hooks',
        event_types: JSON.stringify(['visit.cancelled', 'visit.rescheduled', 'visit.reassigned']),
        secret: newWebhookSecret(),
        active: 1,
        created_at: 0,
      },
    ]),
  ]);
});

describe('cancel a visit', () => {
  it('with a reason from the catalogue: cancelled, the case waits again, audited and announced', async () => {
    const { caseId, visitId } = await aPlannedVisit();
    const before = await deliveriesOf('visit.cancelled');
    const response = await post(`/v1/visits/${visitId}/cancel`, {
      reason: 'customer_request',
      customerNotified: true,
      note: 'Asked us to come next week',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).toBe('"2"');
    expect(await response.json()).toMatchObject({
      status: 'cancelled',
      cancellation: {
        reason: 'customer_request',
        customerNotified: true,
        note: 'Asked us to come next week',
      },
    });
    const kase = await env.DB.prepare('SELECT status FROM cases WHERE id = ?')
      .bind(caseId)
      .first<{ status: string }>();
    expect(kase?.status).toBe('screened');
    expect(await eventsOf(visitId)).toEqual([
      {
        type: 'visit.cancelled',
        data: {
          visitId,
          reason: 'customer_request',
          customerNotified: true,
          agentIds: `${f.agentA1},${AGENT_C}`,
        },
      },
    ]);
    expect(await deliveriesOf('visit.cancelled')).toBe(before + 1);
    expect(await auditOf(visitId)).toEqual(['visit.cancelled']);

    // Repeating it (a lost answer) answers the cancellation, without a second event.
    const again = await post(`/v1/visits/${visitId}/cancel`, {
      reason: 'customer_request',
      customerNotified: true,
      note: 'Asked us to come next week',
    });
    expect(again.status).toBe(200);
    expect(await eventsOf(visitId)).toHaveLength(1);
    const otherwise = await post(
      `/v1/visits/${visitId}/cancel`,
      { reason: 'safety', customerNotified: false },
      2,
    );
    expect(otherwise.status).toBe(409);
  });

  it('needs If-Match, refuses a stale one, asks a note for `other`, and leaves a visit under way alone', async () => {
    const { visitId } = await aPlannedVisit();
    const body = { reason: 'agent_unavailable', customerNotified: false };
    expect((await post(`/v1/visits/${visitId}/cancel`, body, null)).status).toBe(428);
    expect((await post(`/v1/visits/${visitId}/cancel`, body, 7)).status).toBe(412);
    const noNote = await post(`/v1/visits/${visitId}/cancel`, { reason: 'other', customerNotified: false });
    expect(noNote.status).toBe(422);
    expect(await noNote.json()).toMatchObject({ errors: [{ path: '/note' }] });
    const underWay = await aPlannedVisit('checked_in');
    expect((await post(`/v1/visits/${underWay.visitId}/cancel`, body)).status).toBe(409);
    expect(await eventsOf(visitId)).toEqual([]);
  });

  it('may be done by the agent on the visit, not by an agent of another visit', async () => {
    const { visitId } = await aPlannedVisit();
    const body = { reason: 'customer_unavailable', customerNotified: true };
    expect((await post(`/v1/visits/${visitId}/cancel`, body, 1, f.keys.agent2)).status).toBe(404);
    expect((await post(`/v1/visits/${visitId}/cancel`, body, 1, f.keys.agent)).status).toBe(200);
  });
});

describe('reschedule a visit', () => {
  it('compliance judges the new time again: 23:00 in Shanghai is refused, 14:00 is moved and announced', async () => {
    const { visitId } = await aPlannedVisit();
    const night = await post(`/v1/visits/${visitId}/reschedule`, { window: local(23, 24) });
    expect(night.status).toBe(422);
    const problem = await night.json<{ code: string; vetoes: { rule: string }[] }>();
    expect(problem.code).toBe('VISIT.COMPLIANCE_VETO');
    expect(problem.vetoes.map((v) => v.rule)).toContain('contact-hours');
    expect(await auditOf(visitId)).toEqual(['compliance.vetoed']);

    const before = await deliveriesOf('visit.rescheduled');
    const moved = await post(`/v1/visits/${visitId}/reschedule`, {
      window: local(14, 15),
      note: 'Customer works mornings',
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ window: local(14, 15), version: 2 });
    expect(await eventsOf(visitId)).toEqual([
      {
        type: 'visit.rescheduled',
        data: {
          visitId,
          fromStart: local(10, 11).start,
          fromEnd: local(10, 11).end,
          toStart: local(14, 15).start,
          toEnd: local(14, 15).end,
          why: 'Customer works mornings',
        },
      },
    ]);
    expect(await deliveriesOf('visit.rescheduled')).toBe(before + 1);
    expect(await auditOf(visitId)).toEqual(['compliance.vetoed', 'visit.rescheduled']);
    // The same window again answers the visit as it is; a stale ETag for another move is refused.
    expect((await post(`/v1/visits/${visitId}/reschedule`, { window: local(14, 15) }, 1)).status).toBe(200);
    expect((await post(`/v1/visits/${visitId}/reschedule`, { window: local(15, 16) }, 1)).status).toBe(412);
    expect(await eventsOf(visitId)).toHaveLength(1);
  });
});

describe('reassign a visit', () => {
  it('compliance judges the new team again: one agent alone is refused in China, a pair is given it and announced', async () => {
    const { visitId } = await aPlannedVisit();
    const alone = await post(`/v1/visits/${visitId}/reassign`, { agentIds: [f.agentA2] });
    expect(alone.status).toBe(422);
    expect((await alone.json<{ vetoes: { rule: string }[] }>()).vetoes.map((v) => v.rule)).toContain(
      'two-staff',
    );
    const unknown = await post(`/v1/visits/${visitId}/reassign`, { agentIds: [f.agentA2, 'agt_nobody'] });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ errors: [{ path: '/agentIds/1' }] });

    const before = await deliveriesOf('visit.reassigned');
    const given = await post(`/v1/visits/${visitId}/reassign`, { agentIds: [f.agentA2, AGENT_C] });
    expect(given.status).toBe(200);
    expect(await given.json()).toMatchObject({ agentIds: [f.agentA2, AGENT_C], leadAgentId: f.agentA2 });
    expect(await eventsOf(visitId)).toEqual([
      {
        type: 'visit.reassigned',
        data: {
          visitId,
          fromAgentIds: `${f.agentA1},${AGENT_C}`,
          toAgentIds: `${f.agentA2},${AGENT_C}`,
          why: 'Given to other agents by a supervisor',
        },
      },
    ]);
    expect(await deliveriesOf('visit.reassigned')).toBe(before + 1);
    // Agent A1 is off the visit now and no longer sees it; agent A2 does.
    expect((await call(f.keys.agent, 'GET', `/v1/visits/${visitId}`)).status).toBe(404);
    expect((await call(f.keys.agent2, 'GET', `/v1/visits/${visitId}`)).status).toBe(200);
    expect((await post(`/v1/visits/${visitId}/reassign`, { agentIds: [f.agentA2, AGENT_C] }, 1)).status).toBe(
      200,
    );
    expect(await auditOf(visitId)).toEqual(['compliance.vetoed', 'visit.reassigned']);
  });
});
