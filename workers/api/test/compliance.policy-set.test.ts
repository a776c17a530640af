/**
 * A tenant's policy set may add compliance policies to its jurisdiction's pack; every path then asks
 * all of them, not only screening.
 */
import { addDays, localDateAt, zonedToInstant } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;
const ZONE = 'Asia/Shanghai';
// Three days out: far from any cool-down or notice question; only the hour matters.
const DAY = addDays(localDateAt(new Date().toISOString(), ZONE), 3);
const windowAt = (from: string, to: string) => ({
  start: zonedToInstant(DAY, from, ZONE),
  end: zonedToInstant(DAY, to, ZONE),
});

const create = (window: { start: string; end: string }) =>
  call(f.keys.supervisor, 'POST', '/v1/visits', {
    body: { caseId: f.caseB, purpose: 'understand_situation', agentIds: [f.agentA2, f.agentA1], window },
  });

beforeAll(async () => {
  f = await createFixtureTenant('cpset');
});

describe('compliance policies listed in the policy set', () => {
  it('the CN pack alone allows 21:15; with the US pack added to the set (08:00–21:00) a visit then is refused', async () => {
    expect((await create(windowAt('21:15', '21:45'))).status).toBe(201);
    const activated = await call(f.keys.admin, 'POST', '/v1/policy-set/versions', {
      body: {
        reason: 'also hold agents to the stricter evening limit',
        document: {
          version: 'cn-plus-us-hours',
          screening: [{ id: 'weighted-risk' }],
          compliance: [{ id: 'us' }],
          preparation: { id: 'standard-dossier' },
          planning: { id: 'route-optimised' },
          repayment: { id: 'affordable-plan' },
          followUp: { id: 'willingness-ability' },
        },
      },
    });
    expect(activated.status).toBe(201);
    const refused = await create(windowAt('21:15', '21:45'));
    expect(refused.status).toBe(422);
    const problem = await refused.json<{ vetoes: { rule: string; data: { to?: string } }[] }>();
    expect(problem.vetoes).toContainEqual(
      expect.objectContaining({ rule: 'contact-hours', data: expect.objectContaining({ to: '21:00' }) }),
    );
    expect((await create(windowAt('20:00', '20:30'))).status).toBe(201);
  });
});
