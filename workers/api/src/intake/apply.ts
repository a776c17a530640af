import {
  type EventOutcome,
  type IntakeEvent,
  type IntakeState,
  reduceIntake,
  refsOf,
} from '@doorstep/intake';
import type { RuntimePorts } from '../ports/runtime';
import { announceStatements, dispatchDeliveries } from '../webhooks/outbox';
import { readIntakeState } from './state';
import { endedCaseEvents, intakeStatements } from './writes';

/** Enough for a burst of deliveries touching one account; past it the sender's retry is the backoff. */
const MAX_ATTEMPTS = 4;

/** A unique key taken or a version guard tripped by a concurrent writer; anything else is a bug to surface. */
const isContention = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed|malformed JSON|intake: concurrent/i.test(error.message);

/**
 * The unit of once-only: statements that go first in the write batch and fail it if this work was
 * already committed (an inbox row's primary key, a batch chunk's `applied_at`), and a read that tells,
 * after a failed batch, whether that is why.
 */
export interface OnceGuard {
  statements: (outcomes: EventOutcome[]) => D1PreparedStatement[];
  alreadyDone: () => Promise<boolean>;
}

export type ApplyResult =
  | { kind: 'applied'; outcomes: EventOutcome[] }
  | { kind: 'already-done' }
  | { kind: 'contended' };

/**
 * Read → reduce (pure, in `@doorstep/intake`) → write, all of it in one `db.batch` with the guard, so
 * the events and every effect commit together or not at all. A batch that fails is either work done by
 * a concurrent twin (answer as it did) or a row that moved since it was read (read and reduce again).
 *
 * @example
 * const result = await applyIntake(d1, ports, env.JOBS, tenantId, events, inboxGuard, delivery.state);
 */
export async function applyIntake(
  d1: D1Database,
  ports: RuntimePorts,
  /** Where the deliveries of the events back to core banking (cases cured or closed) are dispatched. */
  jobs: Queue,
  tenantId: string,
  events: readonly IntakeEvent[],
  guard: OnceGuard,
  prefetched?: IntakeState,
): Promise<ApplyResult> {
  const refs = refsOf(events);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const state = attempt === 1 && prefetched ? prefetched : await readIntakeState(d1, tenantId, refs);
    const now = ports.now();
    const { outcomes, writes } = reduceIntake(state, events, { now, newId: ports.newId });
    // The events are recorded by the same batch as the writes that make them true (the outbox).
    const announced = announceStatements(d1, ports, {
      tenantId,
      sourceId: 'intake',
      events: endedCaseEvents(tenantId, writes.endedCases),
      now,
      guard: { sql: '1', binds: [] },
    });
    try {
      const prefix = [...guard.statements(outcomes), ...intakeStatements(d1, tenantId, writes, now)];
      const results = await d1.batch([...prefix, ...announced.statements]);
      await dispatchDeliveries(
        jobs,
        tenantId,
        results,
        announced.deliveryStatementIndexes.map((i) => i + prefix.length),
      ).catch((error) =>
        // Deliveries stay leased in D1; the sweep re-sends them when the lease runs out.
        console.error(JSON.stringify({ intake: 'dispatch', tenantId, error: (error as Error).name })),
      );
      return { kind: 'applied', outcomes };
    } catch (error) {
      if (await guard.alreadyDone()) return { kind: 'already-done' };
      if (!isContention(error)) throw error;
      if (attempt === MAX_ATTEMPTS) {
        console.error(JSON.stringify({ intake: 'contended', tenantId, error: (error as Error).name }));
        return { kind: 'contended' };
      }
    }
  }
  return { kind: 'contended' };
}
