import type { RuntimePorts } from '../ports/runtime';

/** Keeps a message that could not be processed, for operators to inspect and replay; never loses it. */
export async function recordDeadLetter(
  db: D1Database,
  ports: RuntimePorts,
  queue: string,
  message: Message<unknown>,
  why: string,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO dead_letters (id, queue, message_id, body, attempts, reason, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (queue, message_id) DO NOTHING`,
    )
    .bind(
      ports.newId('dlq'),
      queue,
      message.id,
      JSON.stringify(message.body),
      message.attempts,
      why,
      ports.now(),
    )
    .run();
}
