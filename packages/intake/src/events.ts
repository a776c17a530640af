import {
  boundedInstant,
  boundedLocalDate,
  CalendarDateSchema,
  CalendarInstantSchema,
  type Clock,
  CreditHistorySchema,
  CurrencySchema,
  CustomerFlagsSchema,
  DURATION,
  freeText,
  MinorUnitsSchema,
  StatementPeriodSchema,
  TimeZoneSchema,
  withRule,
} from '@doorstep/core';
import { z } from 'zod';

/**
 * How far a bank's clock may run ahead of ours: the Standard Webhooks timestamp tolerance, and so the
 * most an event may be dated in our future. A profile dated 9999 would make every later true update of
 * that customer "stale" for ever.
 */
export const CLOCK_TOLERANCE_MS = 5 * DURATION.MINUTE;

/** A core-banking identifier (customer number, account number, payment reference): opaque to Doorstep. */
export const RefSchema = z.string().min(1).max(128);
/**
 * No account core banking reports holds more than 10^13 minor units (a hundred billion in the major
 * unit). Sums in reports are exact only below 2^53 (about 9 × 10^15): one unbounded amount near that
 * limit made a portfolio sum inexact and its report fail, while at this bound it takes hundreds of
 * maximal accounts.
 */
const MAX_INTAKE_AMOUNT_MINOR = 10_000_000_000_000;
const BoundedMinorSchema = MinorUnitsSchema.min(-MAX_INTAKE_AMOUNT_MINOR).max(MAX_INTAKE_AMOUNT_MINOR);
const AmountSchema = MinorUnitsSchema.min(0).max(MAX_INTAKE_AMOUNT_MINOR);

/** How instants and dates are bounded: by the calendar only (the document), or by a clock (parsing). */
interface Bounds {
  Instant: typeof CalendarInstantSchema;
  LocalDate: typeof CalendarDateSchema;
}

/**
 * Every event schema, built around how its instants are bounded: parsing a delivery bounds them by our
 * clock plus {@link CLOCK_TOLERANCE_MS}; the OpenAPI document shows them bounded by the calendar.
 */
function eventSchemas({ Instant, LocalDate }: Bounds) {
  const CustomerUpsertedV1 = z.object({
    customerRef: RefSchema,
    name: freeText({ min: 1, max: 200 }),
    phone: freeText({ max: 40 }).nullish(),
    email: freeText({ max: 254 }).nullish(),
    address: z
      .object({
        line: freeText({ min: 1, max: 400 }),
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
      })
      .nullish(),
    regionCode: RefSchema.nullish(),
    timeZone: TimeZoneSchema.nullish(),
    language: freeText({ max: 35 }).nullish(),
    householdNotes: freeText({ max: 2000 }).nullish(),
    creditHistory: CreditHistorySchema.extend({ lastCureDate: LocalDate.nullable() }).nullish(),
  });

  const DelinquencyUpdatedV1 = z.object({
    accountRef: RefSchema,
    customerRef: RefSchema,
    kind: z.enum(['loan', 'credit_card']),
    product: freeText({ min: 1, max: 100 }),
    currency: CurrencySchema,
    /** Credit limit for a card, original principal for a loan. */
    limitOrPrincipalMinor: AmountSchema,
    outstandingBalanceMinor: AmountSchema.default(0),
    /** Strictly increasing per account on the bank's side; the highest one received is the account's state. */
    sequence: z.number().int().nonnegative().safe(),
    asOf: Instant,
    dpd: z.number().int().nonnegative().max(36_500),
    overduePrincipalMinor: AmountSchema,
    overdueInterestMinor: AmountSchema,
    overdueFeesMinor: AmountSchema,
  });

  const PaymentReceivedV1 = z.object({
    paymentRef: RefSchema,
    accountRef: RefSchema,
    amountMinor: MinorUnitsSchema.min(1).max(MAX_INTAKE_AMOUNT_MINOR),
    currency: CurrencySchema,
    paidAt: Instant,
  });

  const AccountClosedV1 = z.object({ accountRef: RefSchema, closedAt: Instant });

  const FlagsChangedV1 = z.object({ customerRef: RefSchema, flags: CustomerFlagsSchema });

  /**
   * A card account's monthly statement, for the early-warning model: sent for every account, overdue or
   * not, because a customer is best helped before the first missed payment. A corrected statement for
   * the same month is sent again with a later `occurredAt` and replaces the earlier one.
   */
  const StatementIssuedV1 = withRule(
    z.object({
      accountRef: RefSchema,
      customerRef: RefSchema,
      product: freeText({ min: 1, max: 100 }),
      currency: CurrencySchema,
      period: StatementPeriodSchema,
      /** Credit limit in force at the statement. */
      limitMinor: AmountSchema,
      /** Statement balance; negative is a credit balance. */
      balanceMinor: BoundedMinorSchema,
      minimumDueMinor: AmountSchema,
      /** Paid during the statement month. */
      paymentMinor: AmountSchema,
      status: z.enum(['no_activity', 'paid_in_full', 'revolving', 'late']),
      /** Months behind, when `status` is `late`. */
      monthsLate: z.number().int().min(1).max(120).optional(),
    }),
    'monthsLate is required when status is late, and only then',
    (data) => (data.status === 'late') === (data.monthsLate !== undefined),
    ['monthsLate'],
  );

  const RegionRiskUpdatedV1 = z.object({
    regionCode: RefSchema,
    name: freeText({ min: 1, max: 200 }),
    riskScore: z.number().min(0).max(1),
    asOf: Instant,
  });

  /**
   * Every event type and version intake accepts, each with the schema of its `data`. A new version is a
   * new entry here; old versions stay until no bank sends them, so a bank upgrades on its own schedule.
   */
  const EVENT_DATA_SCHEMAS = {
    'customer.upserted': { 1: CustomerUpsertedV1 },
    'account.delinquency_updated': { 1: DelinquencyUpdatedV1 },
    'payment.received': { 1: PaymentReceivedV1 },
    'account.closed': { 1: AccountClosedV1 },
    'customer.flags_changed': { 1: FlagsChangedV1 },
    'region.risk_updated': { 1: RegionRiskUpdatedV1 },
    'account.statement_issued': { 1: StatementIssuedV1 },
  } as const;

  const envelope = <T extends string, S extends z.ZodType>(type: T, data: S) =>
    z.object({ type: z.literal(type), version: z.literal(1), occurredAt: Instant, data });

  const IntakeEventSchema = z.discriminatedUnion('type', [
    envelope('customer.upserted', CustomerUpsertedV1),
    envelope('account.delinquency_updated', DelinquencyUpdatedV1),
    envelope('payment.received', PaymentReceivedV1),
    envelope('account.closed', AccountClosedV1),
    envelope('customer.flags_changed', FlagsChangedV1),
    envelope('region.risk_updated', RegionRiskUpdatedV1),
    envelope('account.statement_issued', StatementIssuedV1),
  ]);
  return { EVENT_DATA_SCHEMAS, IntakeEventSchema };
}

const documented = eventSchemas({ Instant: CalendarInstantSchema, LocalDate: CalendarDateSchema });

/** The event schemas bounded by `clock`, built once per clock (the worker has one). */
const clocked = new WeakMap<Clock, ReturnType<typeof eventSchemas>['IntakeEventSchema']>();
function schemaAt(clock: Clock) {
  let schema = clocked.get(clock);
  if (!schema) {
    const today = () => new Date(clock() + CLOCK_TOLERANCE_MS).toISOString().slice(0, 10);
    schema = eventSchemas({
      Instant: boundedInstant(clock, { to: CLOCK_TOLERANCE_MS }),
      LocalDate: boundedLocalDate(today, { toDays: 1 }),
    }).IntakeEventSchema;
    clocked.set(clock, schema);
  }
  return schema;
}

export const EVENT_DATA_SCHEMAS = documented.EVENT_DATA_SCHEMAS;
export type IntakeEventType = keyof typeof EVENT_DATA_SCHEMAS;

/** Every event as the OpenAPI document shows it; parsing also bounds its instants by the clock. */
export const IntakeEventSchema = documented.IntakeEventSchema;
export type IntakeEvent = z.infer<typeof IntakeEventSchema>;
export type IntakeEventOf<T extends IntakeEventType> = Extract<IntakeEvent, { type: T }>;

/** The most events one webhook request may carry; bigger loads go through a batch file. */
export const MAX_EVENTS_PER_REQUEST = 500;

/** One invalid field, addressed by JSON Pointer from the root of the request body or batch line. */
export interface EventFieldError {
  path: string;
  message: string;
  code: string;
}

export type ParsedEvents =
  | { ok: true; events: IntakeEvent[] }
  | { ok: false; unknownType: boolean; errors: EventFieldError[] };

const pointer = (segments: readonly PropertyKey[]) =>
  `/${segments.map((s) => String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

const knownTypes = Object.keys(EVENT_DATA_SCHEMAS);

/** Names an unknown type or version precisely, instead of the discriminated union's generic complaint. */
function unknownTypeError(value: unknown, base: PropertyKey[]): EventFieldError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, version } = value as { type?: unknown; version?: unknown };
  if (typeof type !== 'string') return null;
  const versions = EVENT_DATA_SCHEMAS[type as IntakeEventType];
  if (!versions)
    return {
      path: pointer([...base, 'type']),
      message: `Unknown event type "${type}"; expected one of ${knownTypes.join(', ')}`,
      code: 'unknown_event_type',
    };
  if (typeof version === 'number' && !(version in versions))
    return {
      path: pointer([...base, 'version']),
      message: `Unknown version ${version} of ${type}; supported: ${Object.keys(versions).join(', ')}`,
      code: 'unknown_event_version',
    };
  return null;
}

/**
 * Validates one event, its instants bounded by `clock` (no later than {@link CLOCK_TOLERANCE_MS} ahead of
 * it); `base` prefixes every error path (the array index, or nothing for a batch line).
 */
export function parseEvent(
  value: unknown,
  clock: Clock,
  base: PropertyKey[] = [],
): { ok: true; event: IntakeEvent } | { ok: false; unknownType: boolean; errors: EventFieldError[] } {
  const unknown = unknownTypeError(value, base);
  if (unknown) return { ok: false, unknownType: true, errors: [unknown] };
  const parsed = schemaAt(clock).safeParse(value);
  if (parsed.success) return { ok: true, event: parsed.data };
  return {
    ok: false,
    unknownType: false,
    errors: parsed.error.issues.map((issue) => ({
      path: pointer([...base, ...issue.path]),
      message: issue.message,
      code: issue.code,
    })),
  };
}

/**
 * Validates a whole webhook body — one event or an array of up to {@link MAX_EVENTS_PER_REQUEST} — and
 * reports every bad field of every event, so nothing of a rejected request is applied and the sender
 * sees all its mistakes at once.
 */
export function parseEventBody(body: unknown, clock: Clock): ParsedEvents {
  if (!Array.isArray(body)) {
    const one = parseEvent(body, clock);
    return one.ok ? { ok: true, events: [one.event] } : one;
  }
  if (body.length === 0 || body.length > MAX_EVENTS_PER_REQUEST)
    return {
      ok: false,
      unknownType: false,
      errors: [
        {
          path: '/',
          message: `Send between 1 and ${MAX_EVENTS_PER_REQUEST} events per request; use a batch file for more`,
          code: 'too_many_events',
        },
      ],
    };
  const events: IntakeEvent[] = [];
  const errors: EventFieldError[] = [];
  let unknownType = false;
  body.forEach((item, index) => {
    const one = parseEvent(item, clock, [index]);
    if (one.ok) events.push(one.event);
    else {
      unknownType ||= one.unknownType;
      errors.push(...one.errors);
    }
  });
  return errors.length === 0 ? { ok: true, events } : { ok: false, unknownType, errors };
}

/** Validates one NDJSON line of a batch file; errors are addressed from the line's own root. */
export function parseBatchLine(
  line: string,
  clock: Clock,
): { ok: true; event: IntakeEvent } | { ok: false; errors: EventFieldError[] } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return {
      ok: false,
      errors: [{ path: '/', message: 'The line is not valid JSON', code: 'invalid_json' }],
    };
  }
  const one = parseEvent(value, clock);
  return one.ok ? one : { ok: false, errors: one.errors };
}
