import { expect, test } from 'vitest';
import { reasonFactory, renderTemplate } from './reason';

const reason = reasonFactory({
  'dpd.over-threshold': 'DPD {dpd} >= {threshold}',
  'edge.braces': '{a}{b} and {a} again',
  'none.placeholder': 'Nothing to fill',
});

test.each([
  [reason('dpd.over-threshold', { dpd: 62, threshold: 60 }), 'DPD 62 >= 60'],
  [reason('edge.braces', { a: 'x', b: true }), 'xtrue and x again'],
  [reason('none.placeholder', {}), 'Nothing to fill'],
])('renders %j', (r, message) => {
  expect(r.message).toBe(message);
});

test('keeps code and data next to the message', () => {
  expect(reason('dpd.over-threshold', { dpd: 62, threshold: 60 })).toEqual({
    code: 'dpd.over-threshold',
    data: { dpd: 62, threshold: 60 },
    message: 'DPD 62 >= 60',
  });
});

test('renderTemplate renders ad hoc', () => {
  expect(renderTemplate('{n} cases', { n: 3 })).toBe('3 cases');
});
