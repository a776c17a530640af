import { describe, expect, test } from 'vitest';
import { createKeySql, keyCreated, keySpecOf } from './key-sql';

const NOW = Date.parse('2026-12-05T12:00:00.000Z');
const base = { tenant: 'ten_acme', name: 'Ops admin', role: 'admin' };

describe('keySpecOf (the arguments of create-key.ts)', () => {
  test.each([
    ['an admin key', base, null],
    ['an agency key', { ...base, role: 'agency', agency: 'agy_north' }, null],
    ['an agent key', { ...base, role: 'agent', agent: 'agt_li' }, null],
    ['an expiring key', { ...base, expires: '2027-06-30T00:00:00.000Z' }, null],
    ['no tenant', { ...base, tenant: undefined }, '--tenant'],
    ['an unknown role', { ...base, role: 'root' }, '--role'],
    ['an agency key without its agency', { ...base, role: 'agency' }, '--agency is required'],
    ['an agent key without its agent', { ...base, role: 'agent' }, '--agent is required'],
    ['an admin key scoped to an agent', { ...base, agent: 'agt_li' }, '--agent is only'],
    ['an expiry already past', { ...base, expires: '2026-01-01T00:00:00.000Z' }, '--expires'],
    ['an expiry in year 9999', { ...base, expires: '9999-01-01T00:00:00.000Z' }, '--expires'],
    ['a name with an escape sequence', { ...base, name: 'ops\u001b[2J' }, '--name'],
    ['an empty name', { ...base, name: '' }, '--name'],
  ])('%s', (_, args, problem) => {
    const checked = keySpecOf(args, NOW);
    if (problem === null) expect(checked.ok).toBe(true);
    else expect(checked.ok ? [] : checked.problems.join('\n')).toContain(problem);
  });
});

test('createKeySql quotes what it embeds and guards the insert on the tenant and the scope', async () => {
  const checked = keySpecOf({ ...base, name: "O'Brien's key", role: 'agent', agent: 'agt_li' }, NOW);
  if (!checked.ok) throw new Error(checked.problems.join());
  const sql = await createKeySql(
    checked.spec,
    'dsk_0123456789abcdefghjkmnpq',
    { keyId: 'key_1', auditId: 'aud_1' },
    NOW,
  );
  expect(sql).toContain("'O''Brien''s key'");
  expect(sql).not.toContain('dsk_0123456789abcdefghjkmnpq');
  expect(sql).toContain("EXISTS (SELECT 1 FROM tenants WHERE id = 'ten_acme')");
  expect(sql).toContain("EXISTS (SELECT 1 FROM agents WHERE tenant_id = 'ten_acme' AND id = 'agt_li')");
});

test('keyCreated reads the count of the last statement, as wrangler --json prints it', () => {
  const output = (created: number) =>
    JSON.stringify([{ results: [] }, { results: [] }, { results: [{ created }], success: true, meta: {} }]);
  expect(keyCreated(output(1))).toBe(true);
  expect(keyCreated(output(0))).toBe(false);
});
