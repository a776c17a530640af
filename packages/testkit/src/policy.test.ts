import { weightedRisk } from '@doorstep/core';
import { expect, test } from 'vitest';
import { testClock } from './clock';
import { policyUnderTest } from './policy';

test('policyUnderTest applies overrides over the defaults', () => {
  const { screen } = policyUnderTest(weightedRisk, { minDpd: 90 });
  expect(typeof screen).toBe('function');
});

test('policyUnderTest lists every invalid option', () => {
  expect(() => policyUnderTest(weightedRisk, { minDpd: -1, dpdCap: 0 })).toThrow(
    /options\.minDpd: screening\/weighted-risk@2\.0\.0: .*\n.*options\.dpdCap/,
  );
});

test('testClock moves only when told', () => {
  const clock = testClock('2026-03-01T00:00:00Z');
  expect(clock.now()).toBe('2026-03-01T00:00:00.000Z');
  expect(clock.advance(3_600_000)).toBe('2026-03-01T01:00:00.000Z');
  clock.set('2027-01-01T00:00:00Z');
  expect(clock.now()).toBe('2027-01-01T00:00:00.000Z');
});
