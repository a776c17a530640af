import { describe, expect, it } from 'vitest';
import { intersect, normalize, type Span, saturated, subtract } from './spans';

const s = (start: number, end: number): Span => ({ start, end });

describe('normalize', () => {
  it.each([
    { input: [s(5, 7), s(1, 3), s(3, 4)], output: [s(1, 4), s(5, 7)] },
    { input: [s(1, 10), s(2, 3)], output: [s(1, 10)] },
    { input: [s(4, 4), s(6, 5)], output: [] },
  ])('$input → $output', ({ input, output }) => {
    expect(normalize(input)).toEqual(output);
  });
});

describe('intersect', () => {
  it.each([
    { a: [s(0, 10)], b: [s(2, 3), s(5, 12)], output: [s(2, 3), s(5, 10)] },
    { a: [s(0, 2), s(4, 6)], b: [s(2, 4)], output: [] },
    { a: [s(0, 5), s(6, 9)], b: [s(1, 8)], output: [s(1, 5), s(6, 8)] },
  ])('$a ∩ $b', ({ a, b, output }) => {
    expect(intersect(a, b)).toEqual(output);
  });
});

describe('subtract', () => {
  it.each([
    { within: s(0, 10), removed: [s(2, 3), s(8, 20)], output: [s(0, 2), s(3, 8)] },
    { within: s(0, 10), removed: [s(-5, 4), s(3, 6)], output: [s(6, 10)] },
    { within: s(0, 10), removed: [s(0, 10)], output: [] },
    { within: s(0, 10), removed: [], output: [s(0, 10)] },
  ])('$within − $removed', ({ within, removed, output }) => {
    expect(subtract(within, removed)).toEqual(output);
  });
});

describe('saturated', () => {
  it.each([
    { name: 'one event, limit 1: a cool-down after it', events: [10], limit: 1, output: [s(10, 15)] },
    { name: 'two overlapping cool-downs join', events: [10, 12], limit: 1, output: [s(10, 17)] },
    { name: 'limit 2 needs both inside the window', events: [10, 12, 30], limit: 2, output: [s(12, 15)] },
    {
      name: 'an event leaving as another arrives keeps it saturated',
      events: [10, 15],
      limit: 1,
      output: [s(10, 20)],
    },
    { name: 'too few events never saturate', events: [1, 2], limit: 3, output: [] },
    { name: 'order of the history does not matter', events: [30, 12, 10], limit: 2, output: [s(12, 15)] },
  ])('$name', ({ events, limit, output }) => {
    expect(saturated(events, 5, limit)).toEqual(output);
  });
});
