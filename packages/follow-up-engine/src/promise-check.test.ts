import { describe, expect, it } from 'vitest';
import { type PromiseFacts, promiseWindow, settlePromise } from './promise-check';

const zone = 'Asia/Shanghai';
const promise: PromiseFacts = {
  id: 'ptp_1',
  amountMinor: 50_000,
  currency: 'CNY',
  promisedDate: '2026-03-10',
  createdAt: Date.parse('2026-03-01T02:00:00Z'),
  status: 'open',
};
// 2026-03-10 ends at 2026-03-10T16:00:00Z in Shanghai (UTC+8).
const endOfPromisedDay = Date.parse('2026-03-10T16:00:00Z');
const pay = (amountMinor: number, paidAt: number, currency = 'CNY') => ({ amountMinor, currency, paidAt });

describe('settlePromise', () => {
  it('reads the promised day on the tenant wall clock', () => {
    expect(promiseWindow(promise, zone)).toEqual({ from: promise.createdAt, to: endOfPromisedDay });
  });

  it.each([
    [
      'kept by payments summing to the amount',
      [pay(20_000, endOfPromisedDay - 86_400_000), pay(30_000, endOfPromisedDay - 1)],
      'kept',
      50_000,
    ],
    ['partly kept by a short payment', [pay(10_000, promise.createdAt)], 'partly_kept', 10_000],
    ['broken when the money came a minute late', [pay(50_000, endOfPromisedDay)], 'broken', 0],
    ['broken by payments from before the promise', [pay(50_000, promise.createdAt - 1)], 'broken', 0],
    ['broken by a payment in another currency', [pay(50_000, promise.createdAt, 'USD')], 'broken', 0],
  ] as const)('%s', (_name, payments, status, paidMinor) => {
    const verdict = settlePromise(promise, payments, zone);
    expect(verdict.status).toBe(status);
    expect(verdict.paidMinor).toBe(paidMinor);
    expect(verdict.reason.code).toBe(status === 'partly_kept' ? 'promise.partly-kept' : `promise.${status}`);
  });
});
