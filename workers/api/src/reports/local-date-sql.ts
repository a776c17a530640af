import { offsetAt } from '@doorstep/core';

const DAY_MS = 86_400_000;

/**
 * The zone's UTC offset over `[fromMs, toMs)` as segments `[startMs, offsetMs]`: one per stretch of
 * constant offset (a DST zone has two changes a year, Shanghai none). SQL turns an instant into the
 * tenant's local date with them, exactly, where a fixed offset would misdate an hour at every change.
 */
export function offsetSegments(fromMs: number, toMs: number, zone: string): [number, number][] {
  const segments: [number, number][] = [[fromMs, offsetAt(fromMs, zone)]];
  for (let start = fromMs; start < toMs; start += DAY_MS) {
    const end = Math.min(start + DAY_MS, toMs);
    const current = segments.at(-1)![1];
    if (offsetAt(end, zone) === current) continue;
    // Zones change offset on a whole second: halve the day down to the first second of the new offset.
    let before = start;
    let after = end;
    while (after - before > 1000) {
      const middle = before + Math.floor((after - before) / 2000) * 1000;
      if (offsetAt(middle, zone) === current) before = middle;
      else after = middle;
    }
    segments.push([after, offsetAt(after, zone)]);
  }
  return segments;
}

/**
 * `YYYY-MM-DD` of an epoch-ms column in the tenant's zone, for instants within the segments' range;
 * `segmentsParameter` is the placeholder bound to `JSON.stringify(offsetSegments(…))`.
 */
export const localDateOf = (column: string, segmentsParameter: string) =>
  `date((${column} + (SELECT segment.value->>1 FROM json_each(${segmentsParameter}) segment
     WHERE segment.value->>0 <= ${column} ORDER BY segment.value->>0 DESC LIMIT 1)) / 1000, 'unixepoch')`;
