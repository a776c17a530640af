import type { createRouter } from '../../http/app';
import { registerListDeadLetters } from './list-dead-letters';
import { registerReplayDeadLetter } from './replay-dead-letter';

/** Operator endpoints for jobs that failed for good: the dead-letter log and replay. */
export function registerDeadLetters(app: ReturnType<typeof createRouter>) {
  registerListDeadLetters(app);
  registerReplayDeadLetter(app);
}
