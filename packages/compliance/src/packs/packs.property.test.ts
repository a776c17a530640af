import { type ComplianceFunctions, localPartsAt, type ReasonTemplates, toInstant } from '@doorstep/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineCompliance } from '../combine';
import { type FlagName, type QueryInput, visitQuery } from '../testing/query';
import type { DailyHours } from '../windows/allowed-windows';
import { cnPack } from './cn';
import { inPack } from './in';
import { ukPack } from './uk';
import { usPack } from './us';

interface HoursOptions {
  hours: DailyHours;
  consentLiftsHours: boolean;
}

const PACKS = {
  cn: {
    reasons: cnPack.reasons,
    create: (o: HoursOptions) => cnPack.create({ ...cnPack.defaultOptions, ...o }),
  },
  us: {
    reasons: usPack.reasons,
    create: (o: HoursOptions) => usPack.create({ ...usPack.defaultOptions, ...o }),
  },
  in: {
    reasons: inPack.reasons,
    create: (o: HoursOptions) => inPack.create({ ...inPack.defaultOptions, ...o }),
  },
  uk: {
    reasons: ukPack.reasons,
    create: (o: HoursOptions) => ukPack.create({ ...ukPack.defaultOptions, ...o }),
  },
} satisfies Record<
  string,
  { reasons: ReasonTemplates; create: (options: HoursOptions) => ComplianceFunctions }
>;

// Zones with whole-hour, half-hour and 45-minute offsets, 30-minute DST, southern DST and none,
// each with its 2026 transitions (to the hour) so that intervals can be drawn across them.
const ZONES: Record<string, readonly string[]> = {
  UTC: [],
  'Asia/Shanghai': [],
  'Asia/Urumqi': [],
  'Asia/Kolkata': [],
  'America/New_York': ['2026-03-08T07:00Z', '2026-11-01T06:00Z'],
  'America/Los_Angeles': ['2026-03-08T10:00Z', '2026-11-01T09:00Z'],
  'America/St_Johns': ['2026-03-08T05:30Z', '2026-11-01T04:30Z'],
  'Europe/London': ['2026-03-29T01:00Z', '2026-10-25T01:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00Z', '2026-10-03T15:30Z'],
  'Pacific/Chatham': ['2026-04-04T14:00Z', '2026-09-26T14:00Z'],
};

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const YEAR_2026 = Date.UTC(2026, 0, 1);
const STEP = 14 * MINUTE;

// Quarter hours (and DST shifts of 30 or 60 minutes) keep every forbidden stretch at least 15 minutes
// long, so sampling every 14 minutes cannot step over one.
const quarterHour = fc.integer({ min: 0, max: 95 }).map((q) => {
  const minutes = q * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});
const hours: fc.Arbitrary<DailyHours> = fc
  .tuple(quarterHour, quarterHour, fc.boolean())
  .filter(([from, to]) => from !== to)
  .map(([from, to, asAllowed]) => (asAllowed ? { allowed: { from, to } } : { forbidden: { from, to } }));

const rare = fc.integer({ min: 0, max: 7 }).map((n) => n === 0);
const around = (start: number, before: number, after: number) =>
  fc.integer({ min: start - before, max: start + after }).map(toInstant);
const localDate = (start: number) =>
  fc.integer({ min: -1, max: 4 }).map((d) => toInstant(start + d * DAY).slice(0, 10));

const anyTime = fc.integer({ min: YEAR_2026, max: YEAR_2026 + 365 * DAY });
const zoneAndStart = fc.constantFrom(...Object.keys(ZONES)).chain((zone) => {
  const transitions = ZONES[zone]!.map(Date.parse);
  const nearTransition = (at: number) => fc.integer({ min: at - 2 * DAY, max: at + DAY });
  const start =
    transitions.length === 0
      ? anyTime
      : fc.oneof(anyTime, fc.constantFrom(...transitions).chain(nearTransition));
  return fc.record({ zone: fc.constant(zone), start });
});

const scenario = fc
  .record({ at: zoneAndStart, length: fc.integer({ min: 0, max: 3 * DAY }) })
  .chain(({ at: { zone, start }, length }) =>
    fc.record({
      pack: fc.constantFrom(...(Object.keys(PACKS) as Array<keyof typeof PACKS>)),
      options: fc.record({ hours, consentLiftsHours: fc.boolean() }),
      query: fc.record({
        interval: fc.constant([toInstant(start), toInstant(start + length)] as const),
        zone: fc.constant(zone),
        tenantZone: fc.constantFrom(...Object.keys(ZONES)),
        flags: fc.subarray<FlagName>(
          ['dispute', 'bankruptcy', 'deceased', 'ceaseContact', 'consentOutsideHours'],
          {
            maxLength: 2,
          },
        ),
        vulnerable: rare,
        workplaceContactProhibited: rare,
        place: fc.constantFrom('home', 'workplace'),
        staff: fc.integer({ min: 0, max: 3 }),
        stage: fc.constantFrom('screening', 'planning', 'check_in'),
        visits: fc.array(
          fc.record({
            at: around(start, 45 * DAY, length),
            contactResult: fc.constantFrom(
              'customer_met',
              'third_party_only',
              'nobody_home',
              'refused',
              'moved',
            ),
          }),
          { maxLength: 5 },
        ),
        contacts: fc.array(around(start, 10 * DAY, length), { maxLength: 10 }),
        holidays: fc.array(localDate(start), { maxLength: 3 }),
        breathingSpaceUntil: fc.option(around(start, 2 * DAY, 4 * DAY), { nil: undefined, freq: 6 }),
        debtAdviserUntil: fc.option(around(start, 2 * DAY, 4 * DAY), { nil: undefined, freq: 6 }),
        noticeGivenAt: fc.option(around(start, 5 * DAY, 2 * DAY), { nil: undefined, freq: 6 }),
        noticeLikelyTime: fc.option(
          fc
            .tuple(around(start, DAY, length), around(start, DAY, length))
            .map(([a, b]) => (a <= b ? ([a, b] as const) : ([b, a] as const))),
          { nil: undefined, freq: 4 },
        ),
      }) satisfies fc.Arbitrary<QueryInput>,
      probes:
        length > 0
          ? fc.array(fc.integer({ min: start, max: start + length - 1 }), { maxLength: 4 })
          : fc.constant([]),
    }),
  );

/** An oracle written apart from the engine: is this local reading within the daily hours? */
function withinHours(minuteOfDay: number, daily: DailyHours): boolean {
  const span = 'allowed' in daily ? daily.allowed : daily.forbidden;
  const [from, to] = [span.from, span.to].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  const inSpan =
    from! < to! ? from! <= minuteOfDay && minuteOfDay < to! : minuteOfDay >= from! || minuteOfDay < to!;
  return 'allowed' in daily ? inSpan : !inSpan;
}

describe('every pack, any customer', () => {
  it('returns windows inside the interval, the local hours and no holiday, none under a binding veto, and catalogued reasons', () => {
    fc.assert(
      fc.property(scenario, ({ pack, options, query: input, probes }) => {
        const query = visitQuery(input);
        const policy = PACKS[pack].create(options);
        const { windows, vetoes } = policy.assessVisit(query);
        for (const veto of vetoes) expect(PACKS[pack].reasons).toHaveProperty([veto.code]);
        const [start, end] = input.interval.map(Date.parse) as [number, number];
        const hoursApply = !(options.consentLiftsHours && input.flags.includes('consentOutsideHours'));

        if (vetoes.some((veto) => !veto.overridable)) expect(windows).toEqual([]);
        let previousEnd = -Infinity;
        for (const window of windows) {
          const [from, to] = [Date.parse(window.start), Date.parse(window.end)];
          expect(previousEnd < from && from < to).toBe(true);
          expect(start <= from && to <= end).toBe(true);
          previousEnd = to;
          for (let at = from; at < to; at = at + STEP >= to && at < to - 1 ? to - 1 : at + STEP) {
            const local = localPartsAt(at, input.zone);
            if (hoursApply) expect(withinHours(local.hour * 60 + local.minute, options.hours)).toBe(true);
            const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
            expect(input.holidays).not.toContain(date);
          }
        }

        // The check-in agrees with the windows of a planned visit: outside them is forbidden, inside
        // them with no veto is allowed. (Screening skips the staff and notice rules a check-in has.)
        const compliance = combineCompliance([policy]);
        for (const probe of input.stage === 'screening' ? [] : probes) {
          const inWindow = windows.some((w) => Date.parse(w.start) <= probe && probe < Date.parse(w.end));
          const decision = compliance.assessCheckIn(query, toInstant(probe));
          if (!inWindow) expect(decision.allowed).toBe(false);
          else if (vetoes.length === 0) expect(decision.allowed).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
