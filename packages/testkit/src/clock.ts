import type { DecisionContext, IdSource, Instant } from '@doorstep/core';
import { sequentialIds } from '@doorstep/core/testing';

/** A clock the test moves by hand. */
export interface TestClock {
  now(): Instant;
  advance(ms: number): Instant;
  set(instant: Instant): void;
}

export const testClock = (start: Instant): TestClock => {
  let current = Date.parse(start);
  const now = () => new Date(current).toISOString();
  return {
    now,
    advance: (ms) => {
      current += ms;
      return now();
    },
    set: (instant) => {
      current = Date.parse(instant);
    },
  };
};

/** A decision context with a fixed `now` and sequential ids, for one deterministic call. */
export const testContext = (now: Instant, ids: IdSource = sequentialIds()): DecisionContext => ({ now, ids });
