/**
 * fast-check arbitraries from the JSON Schemas of an OpenAPI 3.1 document: values a third-party tool
 * reading only the document would consider valid. The strictness test feeds them to the API's zod
 * schemas (the document must not promise more than the validation accepts); `pnpm fuzz` sends them.
 */
import fc from 'fast-check';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface ArbitraryOptions {
  /** Resolves a `$ref` such as `#/components/schemas/Visit`. */
  resolve: (ref: string) => JsonSchema;
  /** Longest array generated when the schema sets no `maxItems` (keeps requests small). */
  maxItems?: number;
  /** Longest string generated when the schema sets no `maxLength`. */
  maxLength?: number;
  /**
   * When set (epoch ms), half of the instants and dates fall within 90 days of it: requests that
   * pass the API's date windows and reach its deeper paths, beside the full 0000–9999 range.
   */
  now?: number;
}

const MIN_INSTANT = Date.UTC(0, 0, 1);
const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * RFC 3339 date-times in all the shapes the `date-time` format allows: any year 0000–9999, with or
 * without fractional seconds, `Z` or a numeric offset, and a leap second now and then.
 */
const instant = (now: number | undefined) =>
  now === undefined
    ? fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT })
    : fc.oneof(
        fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT }),
        fc.integer({ min: now - 90 * 86_400_000, max: now + 90 * 86_400_000 }),
      );

const dateTime = (now: number | undefined) =>
  fc
    .record({
      at: instant(now),
      fraction: fc.constantFrom('', '.000', '.5', '.123456'),
      leapSecond: fc.boolean(),
      offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })),
      zulu: fc.boolean(),
    })
    .map(({ at, fraction, leapSecond, offsetMinutes, zulu }) => {
      const offset = zulu ? 0 : offsetMinutes;
      const local = new Date(at + offset * 60_000);
      const year = local.getUTCFullYear();
      if (year < 0 || year > 9999) return '2026-11-03T02:30:00Z';
      const date = `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
      const seconds = leapSecond ? 60 : local.getUTCSeconds();
      const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(seconds)}`;
      const zone = zulu
        ? 'Z'
        : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
      return `${date}T${time}${fraction}${zone}`;
    });

const fullDate = (now: number | undefined) =>
  instant(now)
    .map((at) => new Date(at).toISOString().slice(0, 10))
    .filter((date) => /^\d{4}-/.test(date));

/** Characters of every kind a JSON string may hold: ASCII, CJK, RTL, emoji, controls. */
const anyCharacter = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '陈', '静', 'ع', 'ש', '😀', '👩‍👩‍👧', '\u00a0') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** A string of `min`–`max` code points, as JSON Schema counts length. */
function stringOfLength(min: number, max: number): fc.Arbitrary<string> {
  return fc.array(anyCharacter, { minLength: min, maxLength: max }).map((chars) => {
    // A grapheme may be several code points; trim to the bound the schema sets.
    const points = [...chars.join('')];
    return points.slice(0, Math.max(min, Math.min(points.length, max))).join('');
  });
}

const codePoints = (text: string) => [...text].length;

function stringArbitrary(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  // Only free text is capped by default; a format or pattern bounds its own length.
  const free = schema.format === undefined && schema.pattern === undefined;
  const max = schema.maxLength ?? (free ? Math.max(min, options.maxLength ?? 24) : Number.POSITIVE_INFINITY);
  const fits = (text: string) =>
    codePoints(text) >= min &&
    codePoints(text) <= max &&
    (schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(text));
  let base: fc.Arbitrary<string>;
  if (schema.format === 'date-time') base = dateTime(options.now);
  else if (schema.format === 'date') base = fullDate(options.now);
  else if (schema.format === 'uuid') base = fc.uuid();
  else if (schema.format === 'email') base = fc.emailAddress();
  else if (schema.format === 'uri') base = fc.webUrl();
  else if (schema.pattern !== undefined)
    base = fc.oneof(
      fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }).map((text) =>
        // Unanchored patterns come back with arbitrary text around the match; keep it within the bounds.
        codePoints(text) > max ? [...text].slice(0, max).join('') : text,
      ),
      // A pattern that only bars some characters (clean free text) with a minimum length: text drawn by
      // the pattern is almost never long enough, so draw text of the right length and let the pattern judge.
      stringOfLength(min, Math.min(max, min + 24)),
    );
  else return stringOfLength(min, max);
  return base.filter(fits);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum ?? schema.exclusiveMaximum;
  if (integer) {
    const min = schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : low;
    const max = schema.exclusiveMaximum !== undefined ? Math.ceil(schema.exclusiveMaximum) - 1 : high;
    const bounded = {
      min: Math.ceil(min ?? Number.MIN_SAFE_INTEGER),
      max: Math.floor(max ?? Number.MAX_SAFE_INTEGER),
    };
    // Small values most of the time, the edges of the range some of the time.
    return fc.oneof(
      fc.integer({ min: Math.max(bounded.min, -1000), max: Math.min(bounded.max, 1000) }),
      fc.integer(bounded),
      fc.constantFrom(bounded.min, bounded.max),
    );
  }
  return fc.double({
    min: low ?? -1e12,
    max: high ?? 1e12,
    minExcluded: schema.exclusiveMinimum !== undefined,
    maxExcluded: schema.exclusiveMaximum !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** `allOf` as one schema: the object keywords merged, any other keyword from the last part that sets it. */
function merged(parts: JsonSchema[], options: ArbitraryOptions): JsonSchema {
  const all: JsonSchema = { properties: {}, required: [] };
  for (const part of parts.map((p) => (p.$ref ? options.resolve(p.$ref) : p))) {
    Object.assign(all, { ...part, properties: all.properties, required: all.required });
    Object.assign(all.properties ?? {}, part.properties);
    all.required?.push(...(part.required ?? []));
  }
  return all;
}

/**
 * Values valid against `schema` as JSON Schema 2020-12 defines validity (the subset OpenAPI documents
 * built from zod use), ready to be sent as JSON.
 */
export function arbitraryOf(schema: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  if (schema.$ref) return arbitraryOf(options.resolve(schema.$ref), options);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((part) => arbitraryOf(part, options)));
  if (schema.allOf) return arbitraryOf(merged(schema.allOf, options), options);
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => arbitraryOf({ ...schema, type }, options)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'string':
      return stringArbitrary(schema, options);
    case 'array': {
      if (schema.prefixItems)
        return fc.tuple(...schema.prefixItems.map((item) => arbitraryOf(item, options)));
      const item = schema.items ? arbitraryOf(schema.items, options) : fc.jsonValue({ maxDepth: 1 });
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(
        schema.maxItems ?? Number.POSITIVE_INFINITY,
        Math.max(minLength, options.maxItems ?? 4),
      );
      return schema.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
        : fc.array(item, { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(schema, options);
    default:
      // No type: anything JSON, or an object when the schema describes properties.
      return schema.properties ? objectArbitrary(schema, options) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(
  schema: JsonSchema,
  options: ArbitraryOptions,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const known = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, arbitraryOf(property, options)]),
    ),
    { requiredKeys: [...required].filter((name) => name in properties) },
  );
  const extra = schema.additionalProperties;
  if (extra === false) return known;
  // Keys the schema does not name are valid unless `additionalProperties` forbids them.
  const extraKeys = fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 })
    .filter((name) => !(name in properties) && name !== '__proto__');
  const extraValue =
    extra === undefined || extra === true ? fc.jsonValue({ maxDepth: 1 }) : arbitraryOf(extra, options);
  return fc
    .tuple(
      known,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        fc.dictionary(extraKeys, extraValue, { maxKeys: 2 }),
      ),
    )
    .map(([named, others]) => ({ ...others, ...named }));
}
