import { z } from 'zod';

/** ISO 4217 alphabetic code. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code such as CNY');
export type Currency = z.infer<typeof CurrencySchema>;

/** Integer minor units (fen, cents) so that sums are exact. */
export const MinorUnitsSchema = z.number().int().safe();

export const MoneySchema = z.object({ amountMinor: MinorUnitsSchema, currency: CurrencySchema });
export type Money = z.infer<typeof MoneySchema>;

export const money = (amountMinor: number, currency: Currency): Money => ({ amountMinor, currency });

const exponents = new Map<string, number>();

/** Minor-unit exponent of a currency (CNY 2, JPY 0, KWD 3), from the platform's ISO data. */
export const currencyExponent = (currency: Currency): number => {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    exponents.set(currency, exponent);
  }
  return exponent;
};

/**
 * `123456` CNY → `"1234.56 CNY"`: plain and locale-free because reason messages go to logs and
 * audit trails, where a stable form matters more than local formatting.
 */
export const formatMoney = (amountMinor: number, currency: Currency): string => {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return `${amountMinor} ${currency}`;
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  const scale = 10 ** exponent;
  const fraction = String(abs % scale).padStart(exponent, '0');
  return `${sign}${Math.floor(abs / scale)}.${fraction} ${currency}`;
};
