import { describe, expect, test } from 'vitest';
import { accessGrantOf, grantAccessSql, revokeAccessSql } from './access-sql';

const NOW = Date.parse('2026-12-05T12:00:00.000Z');
const base = { tenant: 'ten_acme', email: 'Lin.Supervisor@Bank.example', role: 'supervisor' };

describe('accessGrantOf (the arguments of grant-access.ts)', () => {
  test.each([
    ['a supervisor', base, null],
    ['an agency member', { ...base, role: 'agency', agency: 'agy_north' }, null],
    ['no e-mail', { ...base, email: undefined }, '--email'],
    ['not an e-mail', { ...base, email: 'lin' }, '--email'],
    ['an unknown role', { ...base, role: 'root' }, '--role'],
    ['an agency member without the agency', { ...base, role: 'agency' }, '--agency is required'],
    ['no tenant', { ...base, tenant: undefined }, '--tenant'],
  ])('%s', (_, args, problem) => {
    const checked = accessGrantOf(args, NOW);
    if (problem === null) expect(checked.ok).toBe(true);
    else expect(checked.ok ? [] : checked.problems.join('\n')).toContain(problem);
  });

  test('compares e-mails lower-cased, as the worker does', () => {
    const checked = accessGrantOf(base, NOW);
    expect(checked.ok && checked.grant.email).toBe('lin.supervisor@bank.example');
  });
});

test('the SQL quotes what it embeds and guards the grant on the tenant and the scope', () => {
  const checked = accessGrantOf(
    { ...base, email: "o'brien@bank.example", role: 'agent', agent: 'agt_li' },
    NOW,
  );
  if (!checked.ok) throw new Error(checked.problems.join());
  const sql = grantAccessSql(checked.grant, 'aud_1', NOW);
  expect(sql).toContain("'o''brien@bank.example'");
  expect(sql).toContain("EXISTS (SELECT 1 FROM agents WHERE tenant_id = 'ten_acme' AND id = 'agt_li')");
  expect(sql).toContain('revoked_at = NULL');
  expect(revokeAccessSql("O'Brien@bank.example", 'aud_2', NOW)).toContain("email = 'o''brien@bank.example'");
});
