import { addDays, formatMoney, zonedToInstant } from '@doorstep/core';
import type { EngineReason } from './reasons';
import { engineReason } from './reasons';

export interface PromiseFacts {
  id: string;
  amountMinor: number;
  currency: string;
  /** The local date the customer promised to pay by, in the tenant zone. */
  promisedDate: string;
  createdAt: number;
  status: 'open' | 'kept' | 'partly_kept' | 'broken' | 'cancelled';
}

export interface PaymentFact {
  amountMinor: number;
  currency: string;
  paidAt: number;
}

/**
 * The payments that count towards a promise: made from the moment it was given until the end of the
 * promised day on the tenant's wall clock (a payment at 23:59 local on that day still keeps it).
 */
export const promiseWindow = (promise: PromiseFacts, timeZone: string): { from: number; to: number } => ({
  from: promise.createdAt,
  to: Date.parse(zonedToInstant(addDays(promise.promisedDate, 1), '00:00', timeZone)),
});

export type PromiseVerdict = {
  status: 'kept' | 'partly_kept' | 'broken';
  paidMinor: number;
  reason: EngineReason;
};

/** Kept when the window's payments reach the promised amount, partly kept when some came, else broken. */
export const settlePromise = (
  promise: PromiseFacts,
  payments: readonly PaymentFact[],
  timeZone: string,
): PromiseVerdict => {
  const { from, to } = promiseWindow(promise, timeZone);
  const paidMinor = payments
    .filter((p) => p.currency === promise.currency && p.paidAt >= from && p.paidAt < to)
    .reduce((sum, p) => sum + p.amountMinor, 0);
  const paid = formatMoney(paidMinor, promise.currency);
  const promised = formatMoney(promise.amountMinor, promise.currency);
  const promisedDate = promise.promisedDate;
  if (paidMinor >= promise.amountMinor)
    return {
      status: 'kept',
      paidMinor,
      reason: engineReason('promise.kept', { paid, promised, promisedDate }),
    };
  if (paidMinor > 0)
    return {
      status: 'partly_kept',
      paidMinor,
      reason: engineReason('promise.partly-kept', { paid, promised, promisedDate }),
    };
  return { status: 'broken', paidMinor, reason: engineReason('promise.broken', { promised, promisedDate }) };
};
