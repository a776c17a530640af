import type { RuntimePorts } from '../ports/runtime';
import type { ShardScope } from '../shards/bindings';
import type { JobOf, JobType } from './messages';

export interface JobContext extends ShardScope {
  ports: RuntimePorts;
  /**
   * The database of the tenant the message names, chosen by the consumer from the directory (the
   * directory database itself for the move job, which reads both shards of the move).
   */
  d1: D1Database;
  /**
   * D1 statements the queue batch's invocation has run so far (the consumer counts `d1`): a handler whose
   * work could exceed the Worker's per-invocation budget stops in time and carries on in a new message.
   * The consumer always sets it; a test calling a handler directly may leave it out.
   */
  queries?: () => number;
}

/**
 * What a handler tells the consumer: `done` acks; `retry` asks the queue to redeliver later (the queue
 * moves it to the dead-letter queue after `max_retries`). A thrown error is treated as `retry`.
 */
export type JobOutcome = { kind: 'done' } | { kind: 'retry'; delaySeconds: number };

export type JobHandler<T extends JobType> = (job: JobOf<T>, context: JobContext) => Promise<JobOutcome>;

export type JobHandlers = { [T in JobType]: JobHandler<T> };
