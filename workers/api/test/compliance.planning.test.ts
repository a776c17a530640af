import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowedWindowsFor } from '../src/compliance/enforce';
import { database } from '../src/db/client';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('cplan');
  await env.DB.batch([
    env.DB.prepare(`UPDATE tenants SET settings = '{"holidays":["2026-11-05"]}' WHERE id = ?`).bind(
      f.tenantId,
    ),
    env.DB.prepare(`UPDATE customers SET flags = '{"deceased":true}' WHERE tenant_id = ? AND id = ?`).bind(
      f.tenantId,
      f.customerB,
    ),
  ]);
});

describe('allowed windows for the planner', () => {
  it('gives each case its local day inside 08:00–22:00, nothing under a veto or on a holiday, and skips foreign cases', async () => {
    const db = database(env.DB);
    const day = await allowedWindowsFor(db, f.tenantId, [f.caseA, f.caseB, 'case_not_here'], '2026-11-04');
    expect([...day.keys()].sort()).toEqual([f.caseA, f.caseB].sort());
    expect(day.get(f.caseA)).toEqual({
      windows: [{ start: '2026-11-04T00:00:00.000Z', end: '2026-11-04T14:00:00.000Z' }],
      vetoes: [],
    });
    expect(day.get(f.caseB)?.windows).toEqual([]);
    expect(day.get(f.caseB)?.vetoes.map((veto) => veto.rule)).toEqual(['deceased']);

    const holiday = await allowedWindowsFor(db, f.tenantId, [f.caseA], '2026-11-05');
    expect(holiday.get(f.caseA)?.windows).toEqual([]);
    expect(holiday.get(f.caseA)?.vetoes.map((veto) => veto.rule)).toEqual(['holidays']);
  });
});
