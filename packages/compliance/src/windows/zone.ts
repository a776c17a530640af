import { offsetAt } from '@doorstep/core';
import type { Span } from './spans';

/** A stretch of UTC time over which a zone's offset from UTC does not change. */
export interface OffsetSegment extends Span {
  /** Milliseconds to add to a UTC instant to get the local wall-clock reading (as if it were UTC). */
  readonly offset: number;
}

// Real zones never change offset twice within this step, so sampling at it finds every transition.
const SAMPLE_MS = 6 * 60 * 60 * 1000;

/** Splits `span` at the zone's offset transitions (DST and rule changes). */
export function offsetSegments(span: Span, zone: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let segmentStart = span.start;
  let offset = offsetAt(span.start, zone);
  let probe = span.start;
  while (probe < span.end - 1) {
    const next = Math.min(probe + SAMPLE_MS, span.end - 1);
    if (offsetAt(next, zone) === offset) {
      probe = next;
      continue;
    }
    const transition = firstSecondWithOtherOffset(probe, next, offset, zone);
    segments.push({ start: segmentStart, end: transition, offset });
    segmentStart = transition;
    offset = offsetAt(transition, zone);
    probe = transition;
  }
  if (segmentStart < span.end) segments.push({ start: segmentStart, end: span.end, offset });
  return segments;
}

// Transitions fall on whole seconds; bisect on seconds between an instant still at `offset`
// (`from`) and one that is not (`to`).
function firstSecondWithOtherOffset(from: number, to: number, offset: number, zone: string): number {
  let lo = Math.floor(from / 1000);
  let hi = Math.floor(to / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, zone) === offset) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

/** The local calendar date (`YYYY-MM-DD`) of a wall-clock reading expressed as if it were UTC. */
export function wallDate(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}
