import { env } from 'cloudflare:test';
import { haversineTable } from '@doorstep/planning';
import { describe, expect, it } from 'vitest';
import { forgetPastTravel, measuredTravel } from '../src/planning/travel/measured';
import { osrmTableTravelTimes, TravelServiceError } from '../src/planning/travel/osrm-table';
import answer from './fixtures/osrm-table-shenzhen.json';

// The places of the fixture, in its order: an answer in OSRM's v5 `table` format (durations in
// seconds, distances in metres, snapped waypoints), the island's pairs null because no road reaches it.
const PLACES = [
  { lat: 22.541, lon: 114.0579 },
  { lat: 22.5483, lon: 114.1313 },
  { lat: 22.5333, lon: 113.9304 },
  { lat: 22.6567, lon: 114.0294 },
  { lat: 22.4228, lon: 113.7839 },
];
const fallback = (points: readonly { lat: number; lon: number }[]) =>
  haversineTable(points, { default: { speedKmh: 20, detourFactor: 1.4 } });
const keyOf = (coordinate: string) => {
  const [lon, lat] = coordinate.split(',').map(Number);
  return PLACES.findIndex((p) => Math.abs(p.lat - lat!) < 1e-6 && Math.abs(p.lon - lon!) < 1e-6);
};

/**
 * The service as the fixture recorded it: any request for some of its places (with `sources` and
 * `destinations`) is answered from the recorded table, as OSRM would. Every URL asked is kept.
 */
function recordedService(status = 200) {
  const asked: URL[] = [];
  const fetcher = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    asked.push(url);
    const coordinates = url.pathname.split('/').at(-1)!.split(';').map(keyOf);
    const pick = (name: string) =>
      url.searchParams.get(name)?.split(';').map(Number) ?? coordinates.map((_, i) => i);
    const [sources, destinations] = [pick('sources'), pick('destinations')];
    const sub = (matrix: (number | null)[][]) =>
      sources.map((s) => destinations.map((d) => matrix[coordinates[s]!]![coordinates[d]!]!));
    return Response.json(
      { ...answer, durations: sub(answer.durations), distances: sub(answer.distances) },
      { status },
    );
  }) as typeof fetch;
  return { fetcher, asked };
}

const options = (
  fetcher: typeof fetch,
  overrides: Partial<Parameters<typeof osrmTableTravelTimes>[0]> = {},
) => ({
  url: 'https://osrm.bank.example/',
  profile: 'driving',
  maxLocations: 100,
  timeoutMs: 1000,
  mode: 'production',
  fetch: fetcher,
  fallback,
  ...overrides,
});

describe('the OSRM table adapter, against a recorded answer', () => {
  it('asks once for all places and reads seconds and metres; an unroutable pair is estimated and counted', async () => {
    const { fetcher, asked } = recordedService();
    const travel = osrmTableTravelTimes(options(fetcher));
    const table = await travel.table(PLACES);
    expect(asked.map(String)).toEqual([
      'https://osrm.bank.example/table/v1/driving/114.057900,22.541000;114.131300,22.548300;113.930400,22.533300;114.029400,22.656700;113.783900,22.422800?annotations=duration%2Cdistance',
    ]);
    expect(travel.source).toBe('osrm:https://osrm.bank.example');
    expect(table.seconds.slice(0, 4)).toEqual([0, 1104.6, 1412.8, 1597.2]);
    expect(table.meters[1 * 5 + 0]).toBe(9210.5);
    const island = fallback(PLACES);
    expect(table.seconds[4]).toBe(island.seconds[4]);
    expect(table.meters[4 * 5 + 2]).toBe(island.meters[4 * 5 + 2]);
    expect(travel.estimatedPairs()).toBe(8);
  });

  it('splits a table larger than the service allows into sources × destinations blocks, and gets the same answer', async () => {
    const whole = await osrmTableTravelTimes(options(recordedService().fetcher)).table(PLACES);
    const { fetcher, asked } = recordedService();
    const blocks = await osrmTableTravelTimes(options(fetcher, { maxLocations: 4 })).table(PLACES);
    expect(blocks).toEqual(whole);
    // Blocks of 2, 2 and 1 places: 9 requests, none with more than 4 coordinates.
    expect(asked).toHaveLength(9);
    for (const url of asked) expect(url.pathname.split('/').at(-1)!.split(';').length).toBeLessThanOrEqual(4);
    expect(asked[1]!.searchParams.get('sources')).toBe('0;1');
    expect(asked[1]!.searchParams.get('destinations')).toBe('2;3');
  });

  it.each([
    ['a private address', 'https://10.0.0.5/osrm', 'private-address'],
    ['plain http', 'http://osrm.bank.example', 'not-https'],
    ['an internal name', 'https://osrm.internal', 'internal-host'],
    ['credentials in the URL', 'https://user:pw@osrm.bank.example', 'credentials'],
  ])('refuses %s before asking anything', async (_name, url, reason) => {
    const { fetcher, asked } = recordedService();
    await expect(osrmTableTravelTimes(options(fetcher, { url })).table(PLACES)).rejects.toThrow(
      `the travel service URL is refused (${reason})`,
    );
    expect(asked).toEqual([]);
  });

  it('turns a refusal of the service into a TravelServiceError', async () => {
    const travel = osrmTableTravelTimes(options(recordedService(400).fetcher));
    await expect(travel.table(PLACES)).rejects.toBeInstanceOf(TravelServiceError);
  });
});

describe('a plan’s measured travel', () => {
  const settings = { travel: { service: { kind: 'osrm-table', url: 'https://osrm.bank.example' } } };
  const measure = (fetcher: typeof fetch, points: typeof PLACES, planId = 'vpl_travel_cache') =>
    measuredTravel(env.DB, {
      tenantId: 'ten_travel',
      planId,
      settings,
      points,
      outbound: { fetch: fetcher, mode: 'production' },
      now: 0,
    });

  it('keeps the matrix per plan: a re-plan among known places asks nothing, a new place asks once for all', async () => {
    const { fetcher, asked } = recordedService();
    const first = await measure(fetcher, PLACES.slice(0, 3));
    expect(asked).toHaveLength(1);
    expect(first.record).toEqual({
      source: 'osrm:https://osrm.bank.example',
      estimatedPairs: 0,
      problem: null,
    });
    const again = await measure(fetcher, [PLACES[2]!, PLACES[0]!]);
    expect(asked).toHaveLength(1);
    expect(again.table.seconds).toEqual([0, 1388.5, 1412.8, 0]);
    await measure(fetcher, PLACES.slice(1, 4));
    expect(asked).toHaveLength(2);
    expect(asked[1]!.pathname.split(';')).toHaveLength(4);
  });

  it('falls back to the straight-line model, saying why, when the service is refused or fails', async () => {
    const refused = await measuredTravel(env.DB, {
      tenantId: 'ten_travel',
      planId: 'vpl_travel_refused',
      settings: { travel: { service: { kind: 'osrm-table', url: 'https://169.254.169.254' } } },
      points: PLACES,
      outbound: { fetch: recordedService().fetcher, mode: 'production' },
      now: 0,
    });
    expect(refused.record).toEqual({
      source: 'haversine',
      estimatedPairs: 0,
      problem: 'the travel service URL is refused (private-address)',
    });
    expect(refused.table).toEqual(fallback(PLACES));
    const failing = await measure(recordedService(503).fetcher, PLACES, 'vpl_travel_down');
    expect(failing.record.problem).toMatch(/^the travel service answered 503/);
  });

  it('uses the tenant’s speed and detour factor per region without any service', async () => {
    const { record, table } = await measuredTravel(env.DB, {
      tenantId: 'ten_travel',
      planId: 'vpl_travel_model',
      settings: { travel: { speedKmh: 10, regions: { reg_luohu: { speedKmh: 5, detourFactor: 2 } } } },
      points: [
        { ...PLACES[0]!, regionId: 'reg_futian' },
        { ...PLACES[1]!, regionId: 'reg_luohu' },
      ],
      outbound: { fetch: recordedService().fetcher, mode: 'production' },
      now: 0,
    });
    expect(record).toEqual({ source: 'haversine', estimatedPairs: 0, problem: null });
    const straight = table.meters[1]! / 1.7;
    expect(table.seconds[1]).toBeCloseTo((straight / 2) * ((1.4 * 3.6) / 10 + (2 * 3.6) / 5), 6);
  });
});

describe('forgetting a past day’s travel', () => {
  it('drops the matrices of plans dated before the day given, and keeps the others', async () => {
    const matrix = (planId: string) =>
      env.DB.prepare(
        `INSERT INTO travel_matrices (tenant_id, plan_id, source, points, meters, seconds, created_at)
         VALUES ('ten_forget', ?, 'osrm:x', '[]', '[]', '[]', 0)`,
      ).bind(planId);
    const plan = (id: string, date: string) =>
      env.DB.prepare(
        `INSERT INTO visit_plans (id, tenant_id, date, status, agent_ids, created_at)
         VALUES (?, 'ten_forget', ?, 'published', '[]', 0)`,
      ).bind(id, date);
    await env.DB.batch([
      plan('vpl_forget_old', '2026-12-01'),
      plan('vpl_forget_today', '2026-12-05'),
      matrix('vpl_forget_old'),
      matrix('vpl_forget_today'),
    ]);
    await forgetPastTravel(env.DB, 'ten_forget', '2026-12-04').run();
    const { results } = await env.DB.prepare(
      `SELECT plan_id FROM travel_matrices WHERE tenant_id = 'ten_forget'`,
    ).all();
    expect(results).toEqual([{ plan_id: 'vpl_forget_today' }]);
  });
});
