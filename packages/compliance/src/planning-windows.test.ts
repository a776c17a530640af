import { describe, expect, it } from 'vitest';
import { cnPack } from './packs/cn';
import { ukPack } from './packs/uk';
import { usPack } from './packs/us';
import { planningWindows } from './planning-windows';
import { type QueryInput, visitQuery, windows } from './testing/query';

const SHANGHAI_DAY = {
  interval: ['2026-05-06T16:00:00Z', '2026-05-07T16:00:00Z'],
  zone: 'Asia/Shanghai',
} as const;
const LONDON_DAY = {
  interval: ['2026-05-06T23:00:00Z', '2026-05-07T23:00:00Z'],
  zone: 'Europe/London',
} as const;
const cn = cnPack.create(cnPack.defaultOptions);
const uk = ukPack.create(ukPack.defaultOptions);

const ask = (policy: typeof cn, input: QueryInput, plannedAt = '2026-05-01T00:00:00Z') => {
  const { windows: allowed, vetoes, staffNeeded } = planningWindows(policy, visitQuery(input), plannedAt);
  return { windows: allowed, rules: vetoes.map((veto) => veto.rule), staffNeeded };
};

describe('planningWindows: what a planner hands its solver', () => {
  it.each([
    {
      name: 'CN: the day inside 08:00–22:00, with the two staff the pack asks for',
      policy: cn,
      input: SHANGHAI_DAY,
      expected: { windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']), rules: [], staffNeeded: 2 },
    },
    {
      name: 'CN with minStaff 3: three',
      policy: cnPack.create({ ...cnPack.defaultOptions, minStaff: 3 }),
      input: SHANGHAI_DAY,
      expected: { windows: windows(['2026-05-07T00:00', '2026-05-07T14:00']), rules: [], staffNeeded: 3 },
    },
    {
      name: 'US: one person may go',
      policy: usPack.create(usPack.defaultOptions),
      input: { interval: ['2026-05-07T04:00:00Z', '2026-05-08T04:00:00Z'], zone: 'America/New_York' },
      expected: { windows: windows(['2026-05-07T12:00', '2026-05-08T01:00']), rules: [], staffNeeded: 1 },
    },
    {
      name: 'a veto empties the windows, and the staff asked is still the pack’s',
      policy: cn,
      input: { ...SHANGHAI_DAY, flags: ['deceased'] },
      expected: { windows: [], rules: ['deceased'], staffNeeded: 2 },
    },
  ] satisfies ReadonlyArray<{
    name: string;
    policy: typeof cn;
    input: QueryInput;
    expected: ReturnType<typeof ask>;
  }>)('$name', ({ policy, input, expected }) => {
    expect(ask(policy, input)).toEqual(expected);
  });

  it('UK: the notice period runs from the plan, so a plan made the day before leaves nothing', () => {
    expect(ask(uk, LONDON_DAY, '2026-05-01T00:00:00Z').windows).toEqual(
      windows(['2026-05-07T07:00', '2026-05-07T20:00']),
    );
    expect(ask(uk, LONDON_DAY, '2026-05-06T09:00:00Z')).toEqual({
      windows: [],
      rules: ['notice'],
      staffNeeded: 1,
    });
    expect(ask(uk, LONDON_DAY, '2026-05-05T09:00:00Z').windows).toEqual(
      windows(['2026-05-07T09:00', '2026-05-07T20:00']),
    );
  });
});
