import { describe, expect, it } from 'vitest';
import { CLOCK_TOLERANCE_MS, parseBatchLine, parseEventBody } from './events';

/** The receiving worker's clock: a fixed instant after every event below. */
const clock = () => Date.parse('2026-10-02T00:00:00Z');

const payment = {
  type: 'payment.received',
  version: 1,
  occurredAt: '2026-10-01T00:00:00Z',
  data: {
    paymentRef: 'P1',
    accountRef: 'A1',
    amountMinor: 100,
    currency: 'CNY',
    paidAt: '2026-10-01T00:00:00Z',
  },
};

describe('parseEventBody', () => {
  it('accepts one event or an array', () => {
    expect(parseEventBody(payment, clock)).toMatchObject({ ok: true, events: [payment] });
    expect(parseEventBody([payment, payment], clock)).toMatchObject({ ok: true });
  });

  it.each([
    [
      'a bad field of one event',
      { ...payment, data: { ...payment.data, amountMinor: -1 } },
      ['/data/amountMinor'],
    ],
    [
      'every bad field of every array item',
      [payment, { ...payment, data: { ...payment.data, currency: 'yuan', paidAt: 'x' } }],
      ['/1/data/currency', '/1/data/paidAt'],
    ],
    ['an unknown type', [payment, { ...payment, type: 'loan.approved' }], ['/1/type']],
    ['an unknown version', { ...payment, version: 2 }, ['/version']],
    ['an empty array', [], ['/']],
  ])('rejects %s with its paths', (_name, body, paths) => {
    const parsed = parseEventBody(body, clock);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toEqual(paths);
  });

  it('tells an unknown type apart from a schema violation', () => {
    const parsed = parseEventBody([{ ...payment, type: 'loan.approved' }], clock);
    expect(parsed).toMatchObject({ ok: false, unknownType: true });
  });
});

describe('parseBatchLine', () => {
  it('reports a line that is not JSON', () => {
    expect(parseBatchLine('{nope', clock)).toMatchObject({
      ok: false,
      errors: [{ path: '/', code: 'invalid_json' }],
    });
  });
});

describe('instants from the bank', () => {
  const at = (offsetMs: number) => new Date(clock() + offsetMs).toISOString();
  const dated = (occurredAt: string, paidAt = occurredAt) => ({
    ...payment,
    occurredAt,
    data: { ...payment.data, paidAt },
  });

  it.each([
    ['within the clock tolerance ahead', dated(at(CLOCK_TOLERANCE_MS)), []],
    ['beyond it', dated(at(CLOCK_TOLERANCE_MS + 1)), ['/occurredAt', '/data/paidAt']],
    ['in year 9999', dated('9999-01-01T00:00:00Z'), ['/occurredAt', '/data/paidAt']],
    ['before 1970', dated('1969-12-31T00:00:00Z'), ['/occurredAt', '/data/paidAt']],
    ['paid in the future', dated(at(0), '2999-01-01T00:00:00Z'), ['/data/paidAt']],
  ])('an event dated %s', (_name, event, paths) => {
    const parsed = parseEventBody(event, clock);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(paths);
  });

  it('reads the clock at each parse, not once', () => {
    let now = clock();
    const moving = () => now;
    const event = dated(at(10 * 60_000));
    expect(parseEventBody(event, moving).ok).toBe(false);
    now += 6 * 60_000;
    expect(parseEventBody(event, moving).ok).toBe(true);
  });
});

describe('free text from the bank', () => {
  const profile = (name: string) => ({
    type: 'customer.upserted',
    version: 1,
    occurredAt: '2026-10-01T00:00:00Z',
    data: { customerRef: 'C1', name },
  });

  it('refuses control characters in a name, naming the field', () => {
    const parsed = parseEventBody(profile('Wang\u0000Fang'), clock);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(['/data/name']);
  });

  it('stores names NFC-normalised, emoji and scripts intact', () => {
    const parsed = parseEventBody([profile('Jose\u0301'), profile('王芳 🌸'), profile('فاطمة')], clock);
    expect(parsed.ok && parsed.events.map((e) => (e.data as { name: string }).name)).toEqual([
      'José',
      '王芳 🌸',
      'فاطمة',
    ]);
  });
});
