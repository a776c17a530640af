import { describe, expect, it } from 'vitest';
import { namesOf, parseArguments } from './scaffold';

describe('create-plugin arguments', () => {
  it.each([
    [['demo-check', '--kind', 'screening'], { name: 'demo-check', kind: 'screening' }],
    [['--kind=followUp', 'late-payer'], { name: 'late-payer', kind: 'followUp' }],
  ])('%j → %j', (argv, expected) => {
    expect(parseArguments(argv)).toEqual(expected);
  });

  it.each([
    [[], /Usage: pnpm create-plugin <name> --kind/],
    [['Demo_Check', '--kind', 'screening'], /not a kebab-case name/],
    [['demo', '--kind', 'scoring'], /--kind must be one of screening, compliance, .* \(got "scoring"\)/],
    [['demo'], /--kind must be one of/],
    [['demo', 'extra', '--kind', 'screening'], /Usage/],
    [['demo', '--force', '--kind', 'screening'], /Unknown option --force/],
    [['demo', '--kind', 'riskModel'], /A risk model is trained, not scaffolded/],
  ])('refuses %j with a clear message', (argv, message) => {
    const parsed = parseArguments(argv);
    expect('error' in parsed && parsed.error).toMatch(message);
  });

  it('names the value, the group and the package after the id', () => {
    expect(namesOf('several-accounts')).toEqual({
      id: 'several-accounts',
      value: 'severalAccounts',
      group: 'severalAccountsPolicies',
      packageName: '@doorstep/plugin-several-accounts',
    });
  });
});
