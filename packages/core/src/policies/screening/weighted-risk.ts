import { z } from 'zod';
import { defineScreeningPolicy } from '../../contracts/screening';
import { overdueTotalMinor } from '../../domain/delinquency';
import { formatMoney } from '../../money/money';

const Weight = z.number().min(0);

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * The article's four screening factors — overdue amount, overdue time, credit history and
 * regional risk — each normalised to 0..1 and weighted into a 0..100 priority. A case must first
 * clear the amount and DPD thresholds.
 *
 * The amount is the customer's, not the account's: a visit is to the person, so what they owe
 * overdue on every account in the tenant's currency counts (2.0.0; 1.x read the one account).
 * DPD stays this case's account's, the episode the visit is about.
 */
export const weightedRisk = defineScreeningPolicy({
  id: 'weighted-risk',
  version: '2.0.0',
  contract: '2.0',
  docs: {
    description:
      "Eligible from a minimum overdue amount (the customer's, over all their accounts) and DPD; " +
      'priority 0–100 from that overdue amount, DPD, credit history and regional risk with ' +
      'configurable weights, one reason per factor.',
  },
  reasons: {
    'currency.mismatch': 'Overdue in {currency} but thresholds are in {tenantCurrency}',
    'amount.under-threshold': 'Overdue {amount} < {threshold}',
    'amount.over-threshold': 'Overdue {amount} >= {threshold}',
    'dpd.under-threshold': 'DPD {dpd} < {threshold}',
    'dpd.over-threshold': 'DPD {dpd} >= {threshold}',
    'factor.amount': 'Overdue {amount} scores {points}/{max}',
    'factor.amount-accounts': 'Overdue {amount} across {accounts} accounts scores {points}/{max}',
    'factor.dpd': 'DPD {dpd} scores {points}/{max}',
    'factor.history':
      '{delinquencies12m} delinquencies in 12m, {delinquencies24m} in 24m, {brokenPromises} broken promises score {points}/{max}',
    'factor.region': 'Region {regionId} risk {risk} scores {points}/{max}',
    'factor.region-unknown': 'Region {regionId} not assessed; assumed risk {risk} scores {points}/{max}',
  },
  options: z
    .object({
      /** The customer's overdue total, in the tenant currency's minor units. */
      minOverdueMinor: z.number().int().nonnegative(),
      minDpd: z.number().int().nonnegative(),
      weights: z.object({ amount: Weight, dpd: Weight, history: Weight, region: Weight }),
      /** Overdue amount at which the amount factor saturates. */
      amountCapMinor: z.number().int().positive(),
      /** DPD at which the DPD factor saturates. */
      dpdCap: z.number().int().positive(),
      /** History points at which the history factor saturates (1 per delinquency in 12m, ½ for 13–24m, 2 per broken promise). */
      historyCap: z.number().positive(),
      unknownRegionRisk: z.number().min(0).max(1),
    })
    .refine((o) => o.weights.amount + o.weights.dpd + o.weights.history + o.weights.region > 0, {
      message: 'At least one weight must be positive',
      path: ['weights'],
    }),
  defaultOptions: {
    minOverdueMinor: 50_000,
    minDpd: 30,
    weights: { amount: 0.35, dpd: 0.3, history: 0.2, region: 0.15 },
    amountCapMinor: 5_000_000,
    dpdCap: 180,
    historyCap: 10,
    unknownRegionRisk: 0.5,
  },
  create: (options, { reason }) => {
    // Normalise once so per-case work is multiply-and-add.
    const total =
      options.weights.amount + options.weights.dpd + options.weights.history + options.weights.region;
    const max = {
      amount: round1((100 * options.weights.amount) / total),
      dpd: round1((100 * options.weights.dpd) / total),
      history: round1((100 * options.weights.history) / total),
      region: round1((100 * options.weights.region) / total),
    };
    const { minOverdueMinor, minDpd, amountCapMinor, dpdCap, historyCap, unknownRegionRisk } = options;
    // A tenant screens in one currency; format its threshold once, not per case.
    let thresholdCurrency = '';
    let thresholdText = '';
    const thresholdIn = (currency: string): string => {
      if (currency !== thresholdCurrency) {
        thresholdCurrency = currency;
        thresholdText = formatMoney(minOverdueMinor, currency);
      }
      return thresholdText;
    };

    return {
      screen: ({ tenant, snapshot, exposure, history, region, customer }) => {
        const currency = snapshot.currency;
        if (currency !== tenant.currency) {
          return {
            eligible: false,
            score: 0,
            reasons: [reason('currency.mismatch', { currency, tenantCurrency: tenant.currency })],
          };
        }
        // The exposure holds this account too; the max guards a host that left it out.
        const overdue = Math.max(exposure.overdueMinor, overdueTotalMinor(snapshot));
        const accounts = Math.max(1, exposure.overdueAccounts);
        const amount = formatMoney(overdue, currency);
        const threshold = thresholdIn(currency);
        const dpd = snapshot.dpd;
        const amountOk = overdue >= minOverdueMinor;
        const dpdOk = dpd >= minDpd;
        if (!amountOk || !dpdOk) {
          return {
            eligible: false,
            score: 0,
            reasons: [
              amountOk
                ? reason('amount.over-threshold', { amount, threshold })
                : reason('amount.under-threshold', { amount, threshold }),
              dpdOk
                ? reason('dpd.over-threshold', { dpd, threshold: minDpd })
                : reason('dpd.under-threshold', { dpd, threshold: minDpd }),
            ],
          };
        }

        const amountPoints = round1(max.amount * Math.min(1, overdue / amountCapMinor));
        const dpdPoints = round1(max.dpd * Math.min(1, dpd / dpdCap));
        const historyRaw =
          history.timesDelinquent12m +
          0.5 * Math.max(0, history.timesDelinquent24m - history.timesDelinquent12m) +
          2 * history.brokenPromises;
        const historyPoints = round1(max.history * Math.min(1, historyRaw / historyCap));
        const risk = region?.riskScore ?? unknownRegionRisk;
        const regionPoints = round1(max.region * risk);
        const regionId = customer.regionId;

        return {
          eligible: true,
          score: amountPoints + dpdPoints + historyPoints + regionPoints,
          reasons: [
            reason('amount.over-threshold', { amount, threshold }),
            reason('dpd.over-threshold', { dpd, threshold: minDpd }),
            accounts > 1
              ? reason('factor.amount-accounts', { amount, accounts, points: amountPoints, max: max.amount })
              : reason('factor.amount', { amount, points: amountPoints, max: max.amount }),
            reason('factor.dpd', { dpd, points: dpdPoints, max: max.dpd }),
            reason('factor.history', {
              delinquencies12m: history.timesDelinquent12m,
              delinquencies24m: history.timesDelinquent24m,
              brokenPromises: history.brokenPromises,
              points: historyPoints,
              max: max.history,
            }),
            region === null
              ? reason('factor.region-unknown', { regionId, risk, points: regionPoints, max: max.region })
              : reason('factor.region', { regionId, risk, points: regionPoints, max: max.region }),
          ],
        };
      },
    };
  },
});
