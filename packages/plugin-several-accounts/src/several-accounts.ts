import { defineScreeningPolicy, formatMoney, z } from '@doorstep/core';

/**
 * A customer behind on several accounts is at more risk than their worst account shows, and one visit
 * can settle all of them: each overdue account beyond the first adds priority, up to a cap. It never
 * makes a case ineligible on its own; other screening policies decide that.
 */
export const severalAccounts = defineScreeningPolicy({
  id: 'several-accounts',
  version: '1.0.0',
  contract: '2.0',
  docs: {
    description:
      'Adds pointsPerExtraAccount priority for each overdue account beyond the first, up to maxPoints; never excludes.',
  },
  reasons: {
    'accounts.several': 'Behind on {accounts} accounts: {overdue} overdue of {outstanding} owed, +{points}',
    'accounts.one': 'Behind on one account',
  },
  options: z.object({
    pointsPerExtraAccount: z.number().positive(),
    maxPoints: z.number().positive(),
  }),
  defaultOptions: { pointsPerExtraAccount: 10, maxPoints: 30 },
  create: ({ pointsPerExtraAccount, maxPoints }, { reason }) => ({
    screen: ({ exposure }) => {
      if (exposure.overdueAccounts <= 1) {
        return { eligible: true, score: 0, reasons: [reason('accounts.one', {})] };
      }
      const points = Math.min(maxPoints, pointsPerExtraAccount * (exposure.overdueAccounts - 1));
      return {
        eligible: true,
        score: points,
        reasons: [
          reason('accounts.several', {
            accounts: exposure.overdueAccounts,
            overdue: formatMoney(exposure.overdueMinor, exposure.currency),
            outstanding: formatMoney(exposure.outstandingMinor, exposure.currency),
            points,
          }),
        ],
      };
    },
  }),
});
