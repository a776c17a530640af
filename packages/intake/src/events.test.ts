import { describe, expect, it } from 'vitest';
import { parseBatchLine, parseEventBody } from './events';

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
    expect(parseEventBody(payment)).toMatchObject({ ok: true, events: [payment] });
    expect(parseEventBody([payment, payment])).toMatchObject({ ok: true });
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
    const parsed = parseEventBody(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toEqual(paths);
  });

  it('tells an unknown type apart from a schema violation', () => {
    const parsed = parseEventBody([{ ...payment, type: 'loan.approved' }]);
    expect(parsed).toMatchObject({ ok: false, unknownType: true });
  });
});

describe('parseBatchLine', () => {
  it('reports a line that is not JSON', () => {
    expect(parseBatchLine('{nope')).toMatchObject({
      ok: false,
      errors: [{ path: '/', code: 'invalid_json' }],
    });
  });
});
