import { formatMoney } from '@doorstep/core';
import type { PaymentFact } from './promise-check';

/**
 * `suspended`: its check fell while compliance barred collection (a flag, a hardship pause); it is
 * never judged later, nor counted as missed, and payments go to the instalments after it.
 */
export type InstalmentStatus = 'pending' | 'paid' | 'partly_paid' | 'missed' | 'suspended';

export interface InstalmentFacts {
  sequence: number;
  dueDate: string;
  dueAt: number;
  amountMinor: number;
  status: InstalmentStatus;
}

export interface PlanFacts {
  id: string;
  status: 'proposed' | 'accepted' | 'completed' | 'broken' | 'superseded';
  currency: string;
  acceptedAt: number | null;
  instalments: readonly InstalmentFacts[];
}

/**
 * Payments made since the plan was accepted, applied to its instalments oldest first: money paid
 * early counts towards the next instalment, money paid late clears the oldest arrears first.
 */
export const allocatePayments = (plan: PlanFacts, payments: readonly PaymentFact[]): Map<number, number> => {
  const since = plan.acceptedAt ?? Number.NEGATIVE_INFINITY;
  let pool = payments
    .filter((p) => p.currency === plan.currency && p.paidAt >= since)
    .reduce((sum, p) => sum + p.amountMinor, 0);
  const paid = new Map<number, number>();
  for (const instalment of [...plan.instalments].sort((a, b) => a.sequence - b.sequence)) {
    if (instalment.status === 'suspended') continue;
    const share = Math.min(pool, instalment.amountMinor);
    paid.set(instalment.sequence, share);
    pool -= share;
  }
  return paid;
};

export interface InstalmentSettlement {
  sequence: number;
  status: 'paid' | 'partly_paid' | 'missed';
  paidMinor: number;
  shortfallMinor: number;
}

export type PlanVerdict =
  | { outcome: 'continues'; settled: InstalmentSettlement[] }
  | { outcome: 'completed'; settled: InstalmentSettlement[] }
  | { outcome: 'broken'; settled: InstalmentSettlement[]; missed: InstalmentSettlement };

/**
 * Settles every still-pending instalment whose due instant has passed. One that is not paid in full
 * (beyond the tolerance) is missed — partly paid if some money came — and a missed instalment breaks
 * the plan; a plan whose instalments are all paid is completed.
 */
export const settleDueInstalments = (
  plan: PlanFacts,
  payments: readonly PaymentFact[],
  now: number,
  toleranceMinor = 0,
): PlanVerdict => {
  const paid = allocatePayments(plan, payments);
  const settled: InstalmentSettlement[] = [];
  let missed: InstalmentSettlement | undefined;
  for (const instalment of plan.instalments) {
    if (instalment.status !== 'pending' || instalment.dueAt > now) continue;
    const paidMinor = paid.get(instalment.sequence) ?? 0;
    const shortfallMinor = instalment.amountMinor - paidMinor;
    const status = shortfallMinor <= toleranceMinor ? 'paid' : paidMinor > 0 ? 'partly_paid' : 'missed';
    const settlement = { sequence: instalment.sequence, status, paidMinor, shortfallMinor } as const;
    settled.push(settlement);
    if (status !== 'paid' && missed === undefined) missed = settlement;
  }
  if (missed !== undefined) return { outcome: 'broken', settled, missed };
  const allPaid = plan.instalments.every(
    (i) =>
      i.status === 'paid' ||
      i.status === 'suspended' ||
      settled.some((s) => s.sequence === i.sequence && s.status === 'paid'),
  );
  return allPaid ? { outcome: 'completed', settled } : { outcome: 'continues', settled };
};

/** The instalment a reminder at `now` is about: the first unpaid one still ahead, with what is left of it. */
export const nextInstalmentDue = (
  plan: PlanFacts,
  payments: readonly PaymentFact[],
  now: number,
): { instalment: InstalmentFacts; outstandingMinor: number; outstanding: string } | null => {
  const paid = allocatePayments(plan, payments);
  const next = [...plan.instalments]
    .sort((a, b) => a.dueAt - b.dueAt)
    .find((i) => i.status === 'pending' && i.dueAt > now && (paid.get(i.sequence) ?? 0) < i.amountMinor);
  if (next === undefined) return null;
  const outstandingMinor = next.amountMinor - (paid.get(next.sequence) ?? 0);
  return { instalment: next, outstandingMinor, outstanding: formatMoney(outstandingMinor, plan.currency) };
};
