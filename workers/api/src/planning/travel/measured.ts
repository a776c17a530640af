import type { TravelPoint, TravelTable } from '@doorstep/core';
import { haversineTable, placeKey } from '@doorstep/planning';
import { osrmTableTravelTimes, TravelServiceError } from './osrm-table';
import { profilesOf, travelSettingsOf } from './settings';

/** What measured a plan's travel, kept in the plan's stats so a supervisor can see it. */
export interface TravelRecord {
  source: string;
  /** Pairs the service could not route, estimated by the straight-line model. */
  estimatedPairs: number;
  /** Why the straight-line model stood in for the tenant's service, or why its settings were ignored. */
  problem: string | null;
}

/** A cached matrix above this many characters is not stored: D1 keeps rows under 2 MB. */
const MAX_CACHED_CHARS = 1_500_000;

interface CachedRow {
  source: string;
  points: string;
  meters: string;
  seconds: string;
}

function subTable(table: TravelTable, points: readonly TravelPoint[]): TravelTable | null {
  const n = table.points.length;
  const indexOf = new Map(table.points.map((p, i) => [placeKey(p), i]));
  const rows = points.map((p) => indexOf.get(placeKey(p)));
  if (rows.some((i) => i === undefined)) return null;
  const meters: number[] = [];
  const seconds: number[] = [];
  for (const i of rows as number[]) {
    for (const j of rows as number[]) {
      meters.push(table.meters[i * n + j]!);
      seconds.push(table.seconds[i * n + j]!);
    }
  }
  return { points: points.map(({ lat, lon }) => ({ lat, lon })), meters, seconds };
}

const uniquePlaces = (points: readonly TravelPoint[]): TravelPoint[] => [
  ...new Map(points.map((p) => [placeKey(p), p])).values(),
];

/**
 * Travel between a plan's places through the tenant's `TravelTimes`: the straight-line model with its
 * speeds per region, or its OSRM-compatible service. A service's matrix is kept per plan, so a
 * redelivered solve or a re-plan asks it again only when a place is new (then for all of them, once).
 * A service that is refused or fails leaves the model in its place and the reason in the record.
 */
export async function measuredTravel(
  d1: D1Database,
  input: {
    tenantId: string;
    planId: string;
    settings: unknown;
    points: readonly TravelPoint[];
    outbound: { fetch: typeof fetch; mode: string };
    now: number;
  },
): Promise<{ table: TravelTable; record: TravelRecord }> {
  const { settings, problem } = travelSettingsOf(input.settings);
  const profiles = profilesOf(settings);
  const points = uniquePlaces(input.points);
  const model = (places: readonly TravelPoint[]) => haversineTable(places, profiles);
  const byModel = (why: string | null) => ({
    table: model(points),
    record: { source: 'haversine', estimatedPairs: 0, problem: why },
  });
  const { service } = settings;
  if (service === null) return byModel(problem);

  const engine = osrmTableTravelTimes({ ...service, ...input.outbound, fallback: model });
  const cached = await d1
    .prepare(
      'SELECT source, points, meters, seconds FROM travel_matrices WHERE tenant_id = ? AND plan_id = ?',
    )
    .bind(input.tenantId, input.planId)
    .first<CachedRow>();
  const known: TravelTable | null =
    cached?.source === engine.source
      ? {
          points: JSON.parse(cached.points) as TravelTable['points'],
          meters: JSON.parse(cached.meters) as number[],
          seconds: JSON.parse(cached.seconds) as number[],
        }
      : null;
  const hit = known && subTable(known, points);
  if (hit) return { table: hit, record: { source: engine.source, estimatedPairs: 0, problem: null } };

  const everything = uniquePlaces([...(known?.points ?? []), ...points]);
  let measured: TravelTable;
  try {
    measured = await engine.table(everything);
  } catch (error) {
    if (error instanceof TravelServiceError) return byModel(error.message);
    throw error;
  }
  // Tenths of a metre and of a second: what is stored is what every solve of the plan reads.
  const tenth = (x: number) => Math.round(x * 10) / 10;
  const kept = {
    points: measured.points,
    meters: measured.meters.map(tenth),
    seconds: measured.seconds.map(tenth),
  };
  const row = {
    points: JSON.stringify(kept.points),
    meters: JSON.stringify(kept.meters),
    seconds: JSON.stringify(kept.seconds),
  };
  if (row.meters.length + row.seconds.length + row.points.length <= MAX_CACHED_CHARS) {
    await d1
      .prepare(
        `INSERT INTO travel_matrices (tenant_id, plan_id, source, points, meters, seconds, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, plan_id) DO UPDATE SET source = excluded.source, points = excluded.points,
           meters = excluded.meters, seconds = excluded.seconds, created_at = excluded.created_at`,
      )
      .bind(input.tenantId, input.planId, engine.source, row.points, row.meters, row.seconds, input.now)
      .run();
  }
  return {
    table: subTable(kept, points)!,
    record: { source: engine.source, estimatedPairs: engine.estimatedPairs(), problem },
  };
}

/**
 * A plan's matrix holds its customers' places; once its day is past no re-plan reads it, so it goes
 * (the daily retention run calls this for each tenant).
 */
export function forgetPastTravel(d1: D1Database, tenantId: string, before: string): D1PreparedStatement {
  return d1
    .prepare(
      `DELETE FROM travel_matrices WHERE tenant_id = ?1
         AND plan_id IN (SELECT id FROM visit_plans WHERE tenant_id = ?1 AND date < ?2)`,
    )
    .bind(tenantId, before);
}
