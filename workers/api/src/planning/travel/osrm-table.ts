import type { TravelPoint, TravelTable, TravelTimes } from '@doorstep/core';
import { z } from 'zod';
import { checkWebhookTarget } from '../../webhooks/target-url';

/** The part of an OSRM `table` answer the planner reads (v5 HTTP API; `distances` needs annotations). */
const TableAnswerSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  durations: z.array(z.array(z.number().nullable())),
  distances: z.array(z.array(z.number().nullable())).optional(),
});

export interface OsrmTableOptions {
  url: string;
  profile: string;
  maxLocations: number;
  timeoutMs: number;
  /** `DOORSTEP_MODE`: outside `local` and `test` only public https hosts are asked. */
  mode: string;
  fetch: typeof fetch;
  /** Pairs the engine cannot route (null in its answer) are estimated by this model instead. */
  fallback: (points: readonly TravelPoint[]) => TravelTable;
}

/** Why a travel service was not asked or did not answer; the plan falls back to the model and says so. */
export class TravelServiceError extends Error {
  override readonly name = 'TravelServiceError';
}

const coordinate = (p: TravelPoint) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;

/**
 * A `TravelTimes` adapter for an OSRM-compatible `table` service: one request when the places fit the
 * service's size limit, else blocks of sources × destinations of half that size each. Durations are
 * seconds and distances metres, as OSRM answers them; a pair the engine cannot route is estimated by the
 * fallback model and counted in `estimatedPairs`.
 *
 * @example
 * const travel = osrmTableTravelTimes({ url: 'https://osrm.bank.example', profile: 'driving', maxLocations: 100, timeoutMs: 10_000, mode: env.DOORSTEP_MODE, fetch, fallback });
 * const table = await travel.table(points);
 */
export function osrmTableTravelTimes(
  options: OsrmTableOptions,
): TravelTimes & { estimatedPairs: () => number } {
  const verdict = checkWebhookTarget(options.url, options.mode);
  let estimated = 0;
  const base = options.url.replace(/\/+$/, '');

  const ask = async (places: readonly TravelPoint[], sources: number[], destinations: number[]) => {
    const query = new URLSearchParams({ annotations: 'duration,distance' });
    if (sources.length < places.length) query.set('sources', sources.join(';'));
    if (destinations.length < places.length) query.set('destinations', destinations.join(';'));
    const url = `${base}/table/v1/${options.profile}/${places.map(coordinate).join(';')}?${query}`;
    let response: Response;
    try {
      response = await options.fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      throw new TravelServiceError(`the travel service did not answer (${(error as Error).name})`);
    }
    const body = TableAnswerSchema.safeParse(await response.json().catch(() => null));
    if (!response.ok || !body.success || body.data.code !== 'Ok') {
      const said = body.success
        ? `${body.data.code}${body.data.message ? `: ${body.data.message}` : ''}`
        : 'no table';
      throw new TravelServiceError(`the travel service answered ${response.status} (${said})`);
    }
    return body.data;
  };

  return {
    source: `osrm:${base}`,
    estimatedPairs: () => estimated,
    table: async (points) => {
      if (!verdict.ok) throw new TravelServiceError(`the travel service URL is refused (${verdict.reason})`);
      const n = points.length;
      const fallback = options.fallback(points);
      const meters = fallback.meters.slice();
      const seconds = fallback.seconds.slice();
      const indices = points.map((_, i) => i);
      const block = n <= options.maxLocations ? n : Math.max(1, Math.floor(options.maxLocations / 2));
      const blocks: number[][] = [];
      for (let i = 0; i < n; i += block) blocks.push(indices.slice(i, i + block));
      for (const from of blocks) {
        for (const to of blocks) {
          const same = from === to;
          const places = same ? from : [...from, ...to];
          const answer = await ask(
            places.map((i) => points[i]!),
            from.map((_, k) => k),
            same ? from.map((_, k) => k) : to.map((_, k) => from.length + k),
          );
          from.forEach((i, a) => {
            to.forEach((j, b) => {
              const duration = answer.durations[a]?.[b];
              const distance = answer.distances?.[a]?.[b];
              if (duration == null || distance == null) {
                if (i !== j) estimated++;
                return;
              }
              seconds[i * n + j] = duration;
              meters[i * n + j] = distance;
            });
          });
        }
      }
      return { points: points.map(({ lat, lon }) => ({ lat, lon })), meters, seconds };
    },
  };
}
