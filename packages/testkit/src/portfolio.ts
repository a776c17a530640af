import {
  type Account,
  type AccountPosition,
  type Bucket,
  bucketRanges,
  type Customer,
  type CustomerFlags,
  customerExposure,
  type Instant,
  type Region,
  type RegionId,
  type ScreenCaseInput,
  type TenantSettings,
  toInstant,
} from '@doorstep/core';
import { aTenant, noFlags } from '@doorstep/core/testing';
import { type Random, seededRandom } from './random';

export interface PortfolioOptions {
  seed: number;
  size: number;
  /** The as-of instant of every snapshot; defaults to 2026-03-01. */
  asOf?: Instant;
  tenant?: TenantSettings;
  regions?: number;
}

export interface Portfolio {
  tenant: TenantSettings;
  asOf: Instant;
  regions: Region[];
  cases: ScreenCaseInput[];
}

const DAY_MS = 86_400_000;

/** Share of customers who hold a second account with the bank besides the delinquent one. */
const SECOND_ACCOUNT_SHARE = 0.3;

// Most delinquencies are early and cure; few roll far. Shares loosely follow consumer-lending roll rates.
const BUCKET_SHARES: readonly (readonly [Bucket, number])[] = [
  ['M1', 0.45],
  ['M2', 0.22],
  ['M3', 0.13],
  ['M4', 0.08],
  ['M5', 0.05],
  ['M6+', 0.07],
];
/** Days past due are drawn within the bucket's range of the core's one table; M6+ up to two years late. */
const OLDEST_DPD = 720;
function dpdRangeOf(bucket: Bucket): readonly [number, number] {
  const range = bucketRanges.find((r) => r.bucket === bucket)!;
  return [range.minDpd, range.maxDpd ?? OLDEST_DPD];
}

const CITIES = [
  'Shenzhen',
  'Guangzhou',
  'Shanghai',
  'Beijing',
  'Chengdu',
  'Wuhan',
  "Xi'an",
  'Hangzhou',
] as const;

const makeRegions = (random: Random, count: number, asOf: Instant): Region[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `reg_${String(i + 1).padStart(3, '0')}`,
    name: `${CITIES[i % CITIES.length]} district ${Math.floor(i / CITIES.length) + 1}`,
    // Skewed towards low risk: a handful of regions carry most of it.
    riskScore: Math.round(random.next() ** 2 * 1000) / 1000,
    asOf,
  }));

const makeFlags = (random: Random, asOf: number): CustomerFlags => {
  const flags = noFlags();
  if (random.bool(0.01)) flags.dispute = true;
  if (random.bool(0.003)) flags.bankruptcy = true;
  if (random.bool(0.001)) flags.deceased = true;
  if (random.bool(0.01)) flags.ceaseContact = true;
  if (random.bool(0.03))
    flags.vulnerability = { kind: random.pick(['health', 'life_event', 'resilience'] as const) };
  if (random.bool(0.005)) flags.breathingSpaceUntil = toInstant(asOf + random.int(1, 60) * DAY_MS);
  if (random.bool(0.05)) flags.consentOutsideHours = true;
  return flags;
};

/**
 * A synthetic portfolio of open delinquency cases with plausible shapes: DPD by bucket shares,
 * log-normal balances, a second account (a card) for some customers, overdue amounts growing with DPD, histories that worsen with DPD,
 * regions with skewed risk, and rare flags. The same seed always yields the same portfolio.
 */
export const generatePortfolio = (options: PortfolioOptions): Portfolio => {
  const random = seededRandom(options.seed);
  // Second accounts draw from their own stream, so adding them left every other fact of a seed as it was.
  const other = seededRandom(options.seed ^ 0x2acc);
  const tenant = options.tenant ?? aTenant();
  const asOf = options.asOf ?? '2026-03-01T00:00:00.000Z';
  const asOfMs = Date.parse(asOf);
  const regions = makeRegions(random, options.regions ?? 40, asOf);
  const regionWeights = regions.map((r, i) => [r, 1 / (i + 1)] as const);
  const currency = tenant.currency;

  const cases: ScreenCaseInput[] = [];
  for (let n = 1; n <= options.size; n++) {
    const key = String(n).padStart(7, '0');
    const region = random.weighted(regionWeights);
    const bucket = random.weighted(BUCKET_SHARES) as Exclude<Bucket, 'current'>;
    const [minDpd, maxDpd] = dpdRangeOf(bucket);
    const dpd = random.int(minDpd, maxDpd);
    const isCard = random.bool(0.55);
    const size = Math.round(random.logNormal(isCard ? 2_000_000 : 8_000_000, 0.8));
    const account: Account = isCard
      ? {
          id: `acc_${key}`,
          customerId: `cus_${key}`,
          type: 'credit_card',
          product: 'classic-card',
          currency,
          limitMinor: size,
        }
      : {
          id: `acc_${key}`,
          customerId: `cus_${key}`,
          type: 'loan',
          product: 'personal-loan',
          currency,
          principalMinor: size,
        };
    // Roughly one instalment (loan) or minimum payment (card) falls due per 30 days overdue.
    const monthsOverdue = Math.ceil(dpd / 30);
    const perMonth = isCard ? size * 0.05 : size / 36;
    const overduePrincipal = Math.round(perMonth * monthsOverdue * (0.6 + 0.4 * random.next()));
    const customerRegionId: RegionId = region.id;
    const customer: Customer = {
      id: `cus_${key}`,
      name: `Customer ${key}`,
      contacts: [{ kind: 'mobile', value: `+86138${key}`, preferred: true, doNotUse: false }],
      address: {
        lines: [`${random.int(1, 999)} Synthetic Road`],
        city: region.name,
        country: 'CN',
        lat: 22 + random.next() * 18,
        lon: 104 + random.next() * 17,
      },
      regionId: customerRegionId,
      householdNotes: '',
      flags: makeFlags(random, asOfMs),
    };
    const times12 = Math.min(12, random.poisson(0.4 + monthsOverdue * 0.3));
    const overdueInterest = Math.round(overduePrincipal * (0.02 + 0.06 * random.next()));
    const overdueFees = random.bool(0.6) ? random.int(1, 30) * 1_000 : 0;
    const positions: AccountPosition[] = [
      {
        account,
        status: 'delinquent',
        outstandingMinor: Math.max(overduePrincipal, Math.round(size * (0.4 + 0.5 * other.next()))),
        overdueMinor: overduePrincipal + overdueInterest + overdueFees,
        dpd,
      },
    ];
    if (other.bool(SECOND_ACCOUNT_SHARE)) {
      // Often a card next to a loan; a third of them are behind too, usually less far.
      const limit = Math.round(other.logNormal(2_000_000, 0.6));
      const late = other.bool(1 / 3);
      const secondDpd = late ? other.int(1, Math.max(1, dpd)) : 0;
      positions.push({
        account: {
          id: `acc_${key}b`,
          customerId: `cus_${key}`,
          type: 'credit_card',
          product: 'classic-card',
          currency,
          limitMinor: limit,
        },
        status: late ? 'delinquent' : 'current',
        outstandingMinor: Math.round(limit * other.next()),
        overdueMinor: late ? Math.round(limit * 0.05 * Math.ceil(secondDpd / 30)) : 0,
        dpd: secondDpd,
      });
    }
    cases.push({
      tenant,
      customer,
      exposure: customerExposure(currency, positions),
      account,
      case: {
        id: `case_${key}`,
        customerId: customer.id,
        accountId: account.id,
        status: 'open',
        openedAt: toInstant(asOfMs - dpd * DAY_MS),
        updatedAt: asOf,
      },
      snapshot: {
        accountId: account.id,
        asOf,
        sequence: dpd,
        dpd,
        currency,
        overduePrincipalMinor: overduePrincipal,
        overdueInterestMinor: overdueInterest,
        overdueFeesMinor: overdueFees,
      },
      history: {
        timesDelinquent12m: times12,
        timesDelinquent24m: times12 + random.poisson(0.5),
        maxDpdEver: dpd + (random.bool(0.2) ? random.int(0, 90) : 0),
        brokenPromises: random.poisson(0.3 + monthsOverdue * 0.1),
        lastCureDate: null,
      },
      // One region in ten has no assessment yet, so the unknown-region path is exercised.
      region: random.bool(0.1) ? null : region,
      contactHistory: { visits: [] },
    });
  }
  return { tenant, asOf, regions, cases };
};
