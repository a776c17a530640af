import { countingD1 } from '../db/counting-d1';
import { runtimePorts } from '../ports/runtime';
import { recordDeadLetter } from './dead-letters';
import type { JobContext, JobHandlers, JobOutcome } from './handlers';
import { type JobMessage, jobMessageSchema } from './messages';

const retryBackoffSeconds = (attempts: number) => Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));

async function dispatch(handlers: JobHandlers, job: JobMessage, context: JobContext): Promise<JobOutcome> {
  // The union is closed and every member has a handler, so this indexed call is total.
  const handler = handlers[job.type] as (job: JobMessage, context: JobContext) => Promise<JobOutcome>;
  return handler(job, context);
}

/**
 * The queue consumer. Each message is handled on its own: one bad message neither blocks nor re-runs the
 * others in its batch. Invalid bodies are recorded and acked (retrying cannot make them valid);
 * failures retry with exponential backoff until the queue dead-letters them.
 */
export function createQueueHandler(handlers: JobHandlers, deadLetterQueue: string) {
  return async function queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    // Every statement of the batch's handlers counts against one invocation's D1 budget.
    let statements = 0;
    const counted = { ...env, DB: countingD1(env.DB, () => void statements++) };
    const context: JobContext = { env: counted, ports: runtimePorts(), queries: () => statements };
    if (batch.queue === deadLetterQueue) {
      for (const message of batch.messages) {
        await recordDeadLetter(env.DB, context.ports, batch.queue, message, 'exhausted retries');
        message.ack();
      }
      return;
    }
    for (const message of batch.messages) {
      const parsed = jobMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        await recordDeadLetter(env.DB, context.ports, batch.queue, message, 'invalid message body');
        message.ack();
        continue;
      }
      try {
        const outcome = await dispatch(handlers, parsed.data, context);
        if (outcome.kind === 'done') message.ack();
        else message.retry({ delaySeconds: outcome.delaySeconds });
      } catch (error) {
        console.error(
          JSON.stringify({ job: parsed.data.type, messageId: message.id, error: (error as Error).name }),
        );
        message.retry({ delaySeconds: retryBackoffSeconds(message.attempts) });
      }
    }
  };
}
