import { expectTypeOf, test } from 'vitest';
import { hardshipFirst } from './hardship-first';

test('its reason codes are the catalogue keys', () => {
  expectTypeOf(hardshipFirst.reason)
    .parameter(0)
    .toEqualTypeOf<
      | 'hardship.serious'
      | 'hardship.none'
      | 'review.scheduled'
      | 'education.support'
      | 'collection.paused'
      | 'reminder.instalment'
      | 'check.instalment'
      | 'plan.accepted'
      | 'revisit.cadence'
    >();
  expectTypeOf(hardshipFirst.kind).toEqualTypeOf<'followUp'>();
});
