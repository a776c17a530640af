import { addDays, type LocalDate, type Money, startOfLocalDay } from '@doorstep/core';
import type { Database } from '../db/client';
import { promises } from '../db/schema';

export type PromiseRow = typeof promises.$inferSelect;

export interface NewPromise {
  id: string;
  tenantId: string;
  caseId: string;
  /** The visit it was made at; null for a promise made remotely. */
  visitId: string | null;
  channel: PromiseRow['channel'];
  recordedByKeyId: string | null;
  amount: Money;
  promisedDate: LocalDate;
  createdAt: number;
}

/** The row of a new open promise, checked the day after the promised date in the tenant's calendar. */
export function promiseRowOf(promise: NewPromise, timeZone: string): PromiseRow {
  return {
    id: promise.id,
    tenantId: promise.tenantId,
    caseId: promise.caseId,
    visitId: promise.visitId,
    channel: promise.channel,
    recordedByKeyId: promise.recordedByKeyId,
    amount: promise.amount.amountMinor,
    currency: promise.amount.currency,
    promisedDate: promise.promisedDate,
    dueAt: Date.parse(startOfLocalDay(addDays(promise.promisedDate, 1), timeZone)),
    status: 'open',
    paid: 0,
    checkedAt: null,
    createdAt: promise.createdAt,
  };
}

export const insertPromise = (db: Database, row: PromiseRow) => db.insert(promises).values(row);
