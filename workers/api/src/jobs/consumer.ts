import { countingD1 } from '../db/counting-d1';
import { MOVING_RETRY_SECONDS } from '../http/error-codes';
import { runtimePorts } from '../ports/runtime';
import { directoryDatabase } from '../shards/bindings';
import { isFenceError } from '../shards/fence';
import { placedDatabase, placementOf } from '../shards/placement';
import { recordDeadLetter } from './dead-letters';
import type { JobContext, JobHandlers, JobOutcome } from './handlers';
import { DIRECTORY_JOBS, type JobMessage, jobMessageSchema } from './messages';

const retryBackoffSeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

/** A dead letter of a moving tenant waits for the move (10 retries of the dead-letter queue: 50 minutes). */
const DEAD_LETTER_MOVING_DELAY_SECONDS = 300;

async function dispatch(handlers: JobHandlers, job: JobMessage, context: JobContext): Promise<JobOutcome> {
  // The union is closed and every member has a handler, so this indexed call is total.
  const handler = handlers[job.type] as (job: JobMessage, context: JobContext) => Promise<JobOutcome>;
  return handler(job, context);
}

/**
 * The tenant's database for a message, or `null` while its tenant moves. The one place a job gets a
 * database: from the tenant the message names, through the directory.
 */
async function jobDatabase(env: Env, job: JobMessage): Promise<D1Database | null> {
  if (DIRECTORY_JOBS.has(job.type)) return directoryDatabase(env);
  const placement = await placementOf(env, job.tenantId);
  return placement.state === 'moving' ? null : placedDatabase(env, placement);
}

/**
 * A job of a tenant whose rows are frozen for a move waits for it: sent again, delayed, as a new message,
 * so the wait does not use up the original's retries (it does nothing until then; its state is in D1).
 */
async function deferWhileMoving(env: Env, message: Message<unknown>): Promise<void> {
  await env.JOBS.send(message.body, { delaySeconds: MOVING_RETRY_SECONDS });
  message.ack();
}

/** Where a dead letter is kept: with its tenant's rows, or in the directory when its body names none. */
async function recordLetter(
  env: Env,
  context: Pick<JobContext, 'ports'>,
  queue: string,
  message: Message<unknown>,
  why: string,
): Promise<'recorded' | 'tenant moving'> {
  const body = message.body as { tenantId?: unknown } | null;
  const tenantId = typeof body?.tenantId === 'string' ? body.tenantId : null;
  const placement = tenantId === null ? null : await placementOf(env, tenantId);
  if (placement?.state === 'moving') return 'tenant moving';
  const d1 = placement === null ? directoryDatabase(env) : placedDatabase(env, placement);
  try {
    await recordDeadLetter(d1, context.ports, queue, message, why);
  } catch (error) {
    if (isFenceError(error)) return 'tenant moving';
    throw error;
  }
  return 'recorded';
}

/**
 * The queue consumer. Each message is handled on its own: one bad message neither blocks nor re-runs the
 * others in its batch. Invalid bodies are recorded and acked (retrying cannot make them valid);
 * failures retry with exponential backoff until the queue dead-letters them. Every message names its
 * tenant, whose database the directory gives; a tenant being moved gets its jobs after the move.
 */
export function createQueueHandler(handlers: JobHandlers, deadLetterQueue: string) {
  return async function queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const ports = runtimePorts();
    // Every statement of the batch's handlers counts against one invocation's D1 budget (whichever
    // shard it runs on; the directory reads that place each message are one statement more apiece).
    let statements = 0;
    const queries = () => statements;
    if (batch.queue === deadLetterQueue) {
      for (const message of batch.messages) {
        if ((await recordLetter(env, { ports }, batch.queue, message, 'exhausted retries')) === 'recorded')
          message.ack();
        else message.retry({ delaySeconds: DEAD_LETTER_MOVING_DELAY_SECONDS });
      }
      return;
    }
    for (const message of batch.messages) {
      const parsed = jobMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        if ((await recordLetter(env, { ports }, batch.queue, message, 'invalid message body')) === 'recorded')
          message.ack();
        else await deferWhileMoving(env, message);
        continue;
      }
      try {
        const d1 = await jobDatabase(env, parsed.data);
        if (d1 === null) {
          await deferWhileMoving(env, message);
          continue;
        }
        const counted = countingD1(d1, () => void statements++);
        const outcome = await dispatch(handlers, parsed.data, { env, ports, d1: counted, queries });
        if (outcome.kind === 'done') message.ack();
        else message.retry({ delaySeconds: outcome.delaySeconds });
      } catch (error) {
        // Under way when the tenant's rows were frozen: nothing was written; it runs after the move.
        if (isFenceError(error)) {
          await deferWhileMoving(env, message);
          continue;
        }
        console.error(
          JSON.stringify({ job: parsed.data.type, messageId: message.id, error: (error as Error).name }),
        );
        message.retry({ delaySeconds: retryBackoffSeconds(message.attempts) });
      }
    }
  };
}
