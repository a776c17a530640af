import type { PromiseToPay } from '@doorstep/core';
import type { BusinessEventType, EventDataOf, OutboundEvent } from '@doorstep/follow-up-engine';

/**
 * A business event about `subjectId` (a visit, a promise, a plan, a case), typed by the catalogue's
 * schema of its type. Its dedupe key is the type and the subject: a visit is checked in once, a plan
 * accepted once, so announcing the fact again (a retried write) records nothing.
 *
 * @example
 * businessEvent('visit.checked_in', caseId, visitId, { visitId, at, receivedAt, distanceMeters, flags })
 */
export function businessEvent<T extends BusinessEventType>(
  type: T,
  caseId: string | null,
  subjectId: string,
  data: EventDataOf<T>,
): OutboundEvent {
  return { type, caseId, data, dedupeKey: `${type}:${subjectId}` };
}

/** Epoch milliseconds as the events' ISO instants. */
export const instantOf = (ms: number) => new Date(ms).toISOString();

/** `promise.made`, from a visit's outcome or a call: the same fact, whichever way it was recorded. */
export function promiseMade(
  promise: Pick<PromiseToPay, 'id' | 'amount' | 'dueDate'>,
  caseId: string,
  origin: { visitId: string | null; channel: string },
): OutboundEvent {
  return businessEvent('promise.made', caseId, promise.id, {
    promiseId: promise.id,
    amountMinor: promise.amount.amountMinor,
    currency: promise.amount.currency,
    dueDate: promise.dueDate,
    ...origin,
  });
}
