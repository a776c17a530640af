import type { Money } from '@doorstep/core';

export function assertMinorUnits(amountMinor: number, what: string): void {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`${what} must be a safe integer of minor units, got ${amountMinor}`);
  }
}

export function assertCurrency(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency))
    throw new RangeError(`currency must be an ISO 4217 code, got ${currency}`);
}

/** Adds amounts currency by currency, in first-seen order; amounts in different currencies never mix. */
export function sumByCurrency(amounts: Iterable<Money>): Money[] {
  const totals = new Map<string, number>();
  for (const { amountMinor, currency } of amounts) {
    assertCurrency(currency);
    assertMinorUnits(amountMinor, 'amount');
    totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
  }
  return [...totals].map(([currency, amountMinor]) => ({ amountMinor, currency }));
}
