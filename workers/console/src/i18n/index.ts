import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type Language = 'en' | 'zh-CN';
export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '中文' },
];
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The tenant's conventions: its zone and locale decide how every date, amount and number reads. */
export interface TenantFormat {
  timeZone: string;
  locale: string;
  currency: string;
}

/**
 * The locale numbers and dates are formatted in: the tenant's own when the console speaks its language,
 * else the console's language in the tenant's region (English for a Shenzhen branch is `en-CN`).
 */
export function formatLocale(language: Language, tenantLocale: string): string {
  const tenant = new Intl.Locale(tenantLocale);
  if (new Intl.Locale(language).language === tenant.language) return tenantLocale;
  return tenant.region ? `${new Intl.Locale(language).language}-${tenant.region}` : language;
}

export function createI18n(language: Language, tenant: TenantFormat) {
  const catalogue = CATALOGUES[language];
  const locale = formatLocale(language, tenant.locale);
  const { timeZone } = tenant;
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const signedPercent = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const money = (minor: number, currency = tenant.currency) => {
    let format = moneyFormats.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      moneyFormats.set(currency, format);
    }
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  };
  // A local date (YYYY-MM-DD) is a day in the tenant's calendar: formatted at noon UTC so no zone moves it.
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    language,
    locale,
    timeZone,
    t(key: MessageKey, params: Record<string, string | number> = {}): string {
      return catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
    },
    /** A label for a value the API sends as a code (a status, a KPI id), or the code itself. */
    label(prefix: string, code: string): string {
      const key = `${prefix}.${code}` as MessageKey;
      return key in catalogue ? catalogue[key] : code;
    },
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    day: (localDate: string) => day.format(new Date(`${localDate}T12:00:00Z`)),
    integer: (n: number) => integer.format(n),
    decimal: (n: number) => decimal.format(n),
    percent: (n: number) => percent.format(n),
    signedPercent: (n: number) => signedPercent.format(n),
    money,
  };
}

export type I18n = ReturnType<typeof createI18n>;

/** Today's date in a zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside the signed-in console');
  return i18n;
}
