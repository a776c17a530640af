import { describe, expect, it } from 'vitest';
import { type Span, saturated } from './spans';

const s = (start: number, end: number): Span => ({ start, end });

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
    { name: 'a zero-length window saturates nothing', events: [10], limit: 1, window: 0, output: [] },
  ])('$name', ({ events, limit, window = 5, output }) => {
    expect(saturated(events, window, limit)).toEqual(output);
  });
});
