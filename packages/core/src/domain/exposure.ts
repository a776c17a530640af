import type { Account } from './account';

/** One of the customer's accounts as screening sees it: what it is, what is owed and what is late. */
export interface AccountPosition {
  account: Account;
  /** As core banking last reported it; a closed account still shows what is left to collect. */
  status: 'current' | 'delinquent' | 'closed';
  /** The whole balance owed, overdue or not, in the account's currency's minor units. */
  outstandingMinor: number;
  /** Overdue principal, interest and fees together. */
  overdueMinor: number;
  dpd: number;
}

/**
 * The customer's whole book with the bank, summed in the tenant's currency. Accounts in another
 * currency are listed in `accounts` and counted in `otherCurrencyAccounts`, never converted: the core
 * holds no exchange rates.
 */
export interface CustomerExposure {
  currency: string;
  /** Every account of the customer, the screened case's own included. */
  accounts: AccountPosition[];
  outstandingMinor: number;
  overdueMinor: number;
  /** Credit limits of the customer's cards. */
  creditLimitMinor: number;
  /** Original principal of the customer's loans. */
  loanPrincipalMinor: number;
  /** Accounts with something overdue. */
  overdueAccounts: number;
  /** The worst DPD over all accounts. */
  maxDpd: number;
  otherCurrencyAccounts: number;
}

/**
 * Sums a customer's accounts into the exposure a screening policy reads.
 *
 * @example
 * customerExposure('CNY', [{ account, status: 'delinquent', outstandingMinor: 1_800_000, overdueMinor: 629_000, dpd: 45 }])
 */
export const customerExposure = (
  currency: string,
  accounts: readonly AccountPosition[],
): CustomerExposure => {
  const exposure: CustomerExposure = {
    currency,
    accounts: [...accounts],
    outstandingMinor: 0,
    overdueMinor: 0,
    creditLimitMinor: 0,
    loanPrincipalMinor: 0,
    overdueAccounts: 0,
    maxDpd: 0,
    otherCurrencyAccounts: 0,
  };
  for (const position of accounts) {
    exposure.maxDpd = Math.max(exposure.maxDpd, position.dpd);
    if (position.overdueMinor > 0) exposure.overdueAccounts += 1;
    const { account } = position;
    if (account.currency !== currency) {
      exposure.otherCurrencyAccounts += 1;
      continue;
    }
    exposure.outstandingMinor += position.outstandingMinor;
    exposure.overdueMinor += position.overdueMinor;
    if (account.type === 'credit_card') exposure.creditLimitMinor += account.limitMinor;
    else exposure.loanPrincipalMinor += account.principalMinor;
  }
  return exposure;
};
