import type { IntakeEvent, IntakeState } from '@doorstep/intake';
import type { RuntimePorts } from '../ports/runtime';
import { applyIntake } from './apply';
import { findInboxRow, type InboxRow, inboxInsert } from './request';

/** A delivery whose signature was checked: who sent it, under which id, and the hash of its body. */
export interface VerifiedDelivery {
  tenantId: string;
  webhookId: string;
  bodyHash: string;
}

export type DeliveryResult =
  | { kind: 'applied'; answer: string }
  | { kind: 'already-done'; earlier: InboxRow | undefined }
  | { kind: 'contended' };

/**
 * Applies a verified delivery of events with its inbox row in the same batch, so the events and the
 * answer a redelivery gets commit together or not at all; used by `POST /v1/intake/events` and by the
 * replay of deliveries held while the tenant moved.
 */
export async function applyEventsDelivery(
  d1: D1Database,
  ports: RuntimePorts,
  /** Where the deliveries of the events back to core banking are dispatched (see `applyIntake`). */
  jobs: Queue,
  delivery: VerifiedDelivery,
  events: readonly IntakeEvent[],
  prefetched?: IntakeState,
): Promise<DeliveryResult> {
  let answer = '';
  const result = await applyIntake(
    d1,
    ports,
    jobs,
    delivery.tenantId,
    events,
    {
      statements: (outcomes) => {
        answer = JSON.stringify({
          webhookId: delivery.webhookId,
          received: events.length,
          results: events.map((event, index) => ({ index, type: event.type, outcome: outcomes[index] })),
        });
        return [inboxInsert(d1, delivery, [...new Set(events.map((e) => e.type))], 200, answer, ports.now())];
      },
      alreadyDone: async () => (await findInboxRow(d1, delivery)) !== undefined,
    },
    prefetched,
  );
  if (result.kind === 'applied') return { kind: 'applied', answer };
  if (result.kind === 'already-done')
    return { kind: 'already-done', earlier: await findInboxRow(d1, delivery) };
  return result;
}
