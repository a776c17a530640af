import { describe, expect, it } from 'vitest';
import { judgeCheckIn } from './check-in-trust';
import { FIELD_DEFAULTS } from './options';

const HOME = { lat: 22.54, lon: 114.05 };
// 0.001° of latitude is about 111 m.
const north = (meters: number) => ({ lat: HOME.lat + meters / 111_195, lon: HOME.lon });
const WINDOW = { start: '2026-11-02T02:00:00.000Z', end: '2026-11-02T03:00:00.000Z' };
const at = (time: string) => `2026-11-02T${time}.000Z`;

const evidence = (over: Partial<Parameters<typeof judgeCheckIn>[0]> = {}) => ({
  deviceAt: at('02:10:00'),
  receivedAt: at('02:10:30'),
  window: WINDOW,
  position: north(40),
  address: HOME,
  ...over,
});

const rulesOf = (trust: ReturnType<typeof judgeCheckIn>) =>
  trust.trusted ? [] : trust.refusals.map((refusal) => [refusal.rule, refusal.code, refusal.field]);

describe('judgeCheckIn', () => {
  it('trusts an arrival on time, with the device’s clock close to ours, at the door', () => {
    expect(judgeCheckIn(evidence(), FIELD_DEFAULTS)).toEqual({
      trusted: true,
      distanceMeters: 40,
      flags: [],
    });
  });

  it.each([
    ['device 5 minutes behind: allowed', at('02:10:30'), at('02:15:30'), []],
    ['device 5 min 1 s ahead', at('02:15:31'), at('02:10:30'), [['clock-skew', 'check-in.clock-skew', 'at']]],
    [
      'device three weeks ahead',
      '2026-11-23T02:10:00.000Z',
      at('02:10:30'),
      [
        ['clock-skew', 'check-in.clock-skew', 'at'],
        ['visit-window', 'check-in.outside-window', 'at'],
      ],
    ],
    ['30 minutes before the window: allowed', at('01:30:00'), at('01:30:00'), []],
    [
      '31 minutes before the window',
      at('01:29:00'),
      at('01:29:00'),
      [['visit-window', 'check-in.outside-window', 'at']],
    ],
    [
      '31 minutes after the window',
      at('03:31:00'),
      at('03:31:00'),
      [['visit-window', 'check-in.outside-window', 'at']],
    ],
  ])('%s', (_name, deviceAt, receivedAt, rules) => {
    expect(rulesOf(judgeCheckIn(evidence({ deviceAt, receivedAt }), FIELD_DEFAULTS))).toEqual(rules);
  });

  it('names the skew, the allowed skew and both clocks in the reason', () => {
    const trust = judgeCheckIn(
      evidence({ deviceAt: at('02:20:00'), receivedAt: at('02:10:00') }),
      FIELD_DEFAULTS,
    );
    expect(trust.trusted).toBe(false);
    if (trust.trusted) return;
    expect(trust.refusals[0]).toMatchObject({
      data: { skewMinutes: 10, maxMinutes: 5, deviceAt: at('02:20:00'), receivedAt: at('02:10:00') },
      message: `The device time ${at('02:20:00')} is 10 minutes from the server’s ${at('02:10:00')}; at most 5 are allowed`,
    });
  });

  it('a visit without a window is judged on the clock and the place only', () => {
    expect(
      judgeCheckIn(
        evidence({ window: null, deviceAt: at('09:00:00'), receivedAt: at('09:00:00') }),
        FIELD_DEFAULTS,
      ).trusted,
    ).toBe(true);
  });

  it('flags a check-in beyond the radius with its distance, and refuses it when the tenant is strict', () => {
    const far = evidence({ position: north(2_000) });
    expect(judgeCheckIn(far, FIELD_DEFAULTS)).toEqual({
      trusted: true,
      distanceMeters: 2_000,
      flags: [
        {
          code: 'location.far',
          data: { distanceMeters: 2_000, radiusMeters: 500 },
          message: 'Checked in 2000 m from the customer’s address; the radius is 500 m',
        },
      ],
    });
    const strict = { ...FIELD_DEFAULTS, checkIn: { ...FIELD_DEFAULTS.checkIn, strictLocation: true } };
    expect(rulesOf(judgeCheckIn(far, strict))).toEqual([['location-radius', 'location.far', 'position']]);
    expect(judgeCheckIn(evidence({ position: north(499) }), strict).trusted).toBe(true);
  });

  it('follows the tenant’s radius', () => {
    const tight = { ...FIELD_DEFAULTS, checkIn: { ...FIELD_DEFAULTS.checkIn, radiusMeters: 30 } };
    const trust = judgeCheckIn(evidence(), tight);
    expect(trust.trusted && trust.flags.map((flag) => flag.code)).toEqual(['location.far']);
  });

  it('refuses (0, 0), what devices send without a fix, whatever the radius', () => {
    expect(rulesOf(judgeCheckIn(evidence({ position: { lat: 0, lon: 0 } }), FIELD_DEFAULTS))).toEqual([
      ['position', 'location.no-fix', 'position'],
    ]);
  });

  it('measures nothing when the customer’s address was never geocoded', () => {
    expect(judgeCheckIn(evidence({ address: null, position: north(50_000) }), FIELD_DEFAULTS)).toEqual({
      trusted: true,
      distanceMeters: null,
      flags: [],
    });
  });
});
