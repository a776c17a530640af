import type { RuntimePorts } from '../ports/runtime';
import type { JobOf, JobType } from './messages';

export interface JobContext {
  env: Env;
  ports: RuntimePorts;
}

/**
 * What a handler tells the consumer: `done` acks; `retry` asks the queue to redeliver later (the queue
 * moves it to the dead-letter queue after `max_retries`). A thrown error is treated as `retry`.
 */
export type JobOutcome = { kind: 'done' } | { kind: 'retry'; delaySeconds: number };

export type JobHandler<T extends JobType> = (job: JobOf<T>, context: JobContext) => Promise<JobOutcome>;

export type JobHandlers = { [T in JobType]: JobHandler<T> };
