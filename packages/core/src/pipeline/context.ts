import type { IdSource } from '../ids/ids';
import type { Instant } from '../time/schemas';

/** What a use case needs from the outside world, passed in so decisions replay exactly. */
export interface DecisionContext {
  now: Instant;
  ids: IdSource;
}
