import {
  type GeoPoint,
  greatCircleMeters,
  type Instant,
  type Interval,
  type Reason,
  renderTemplate,
} from '@doorstep/core';
import type { FieldOptions } from './options';

/** What a check-in claims and what the server knows when it arrives. */
export interface CheckInEvidence {
  /** The device's clock: when the agent says they arrived. */
  deviceAt: Instant;
  /** The server's clock when the check-in arrived; this, never the device's, is what compliance judges. */
  receivedAt: Instant;
  /** The visit's planned window; null for a visit planned without one. */
  window: Interval | null;
  position: GeoPoint;
  /** The customer's geocoded address; null when it was never geocoded. */
  address: GeoPoint | null;
}

/** A refusal names the rule, the reason and the request field it is about. */
export type CheckInRefusal = Reason & { rule: string; field: 'at' | 'position' };

export type CheckInTrust =
  | { trusted: true; distanceMeters: number | null; flags: Reason[] }
  | { trusted: false; distanceMeters: number | null; refusals: CheckInRefusal[] };

export const CHECK_IN_REASONS = {
  'check-in.clock-skew':
    'The device time {deviceAt} is {skewMinutes} minutes from the server’s {receivedAt}; at most {maxMinutes} are allowed',
  'check-in.outside-window':
    'The arrival time {deviceAt} is outside the visit’s window with its tolerance, {from}–{to}',
  'location.no-fix': 'The position {lat}, {lon} is the null island that devices send without a fix',
  'location.far': 'Checked in {distanceMeters} m from the customer’s address; the radius is {radiusMeters} m',
} as const;

type Code = keyof typeof CHECK_IN_REASONS;

const MINUTE_MS = 60_000;

const reasonOf = (code: Code, data: Reason['data']): Reason => ({
  code,
  data,
  message: renderTemplate(CHECK_IN_REASONS[code], data),
});

const refusal = (rule: string, field: CheckInRefusal['field'], code: Code, data: Reason['data']) => ({
  rule,
  field,
  ...reasonOf(code, data),
});

/**
 * Whether a check-in can be believed, judged from the tenant's options: the device's clock against
 * the server's (`clock-skew`), the arrival against the visit's window and its tolerance
 * (`visit-window`), a position at all (`position`), and the distance from the customer's address
 * (`location-radius`: flagged `location.far`, or refused when `strictLocation`). Every rule is asked,
 * so a refusal lists all that fail.
 *
 * @example
 * const trust = judgeCheckIn({ deviceAt, receivedAt, window, position, address }, options);
 * if (!trust.trusted) answer422(trust.refusals); else store(trust.distanceMeters, trust.flags);
 */
export function judgeCheckIn(evidence: CheckInEvidence, { checkIn: options }: FieldOptions): CheckInTrust {
  const refusals: CheckInRefusal[] = [];
  const flags: Reason[] = [];
  const device = Date.parse(evidence.deviceAt);
  const received = Date.parse(evidence.receivedAt);

  const skewMinutes = Math.abs(device - received) / MINUTE_MS;
  if (skewMinutes > options.maxClockSkewMinutes)
    refusals.push(
      refusal('clock-skew', 'at', 'check-in.clock-skew', {
        deviceAt: evidence.deviceAt,
        receivedAt: evidence.receivedAt,
        skewMinutes: Math.round(skewMinutes * 10) / 10,
        maxMinutes: options.maxClockSkewMinutes,
      }),
    );

  if (evidence.window !== null) {
    const tolerance = options.windowToleranceMinutes * MINUTE_MS;
    const from = Date.parse(evidence.window.start) - tolerance;
    const to = Date.parse(evidence.window.end) + tolerance;
    if (device < from || device > to)
      refusals.push(
        refusal('visit-window', 'at', 'check-in.outside-window', {
          deviceAt: evidence.deviceAt,
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
        }),
      );
  }

  const { position, address } = evidence;
  if (position.lat === 0 && position.lon === 0) {
    refusals.push(refusal('position', 'position', 'location.no-fix', { lat: 0, lon: 0 }));
    return { trusted: false, distanceMeters: null, refusals };
  }
  const distanceMeters = address === null ? null : Math.round(greatCircleMeters(position, address));
  if (distanceMeters !== null && distanceMeters > options.radiusMeters) {
    const data = { distanceMeters, radiusMeters: options.radiusMeters };
    if (options.strictLocation) refusals.push(refusal('location-radius', 'position', 'location.far', data));
    else flags.push(reasonOf('location.far', data));
  }
  return refusals.length > 0
    ? { trusted: false, distanceMeters, refusals }
    : { trusted: true, distanceMeters, flags };
}
