import { createRegistry } from '@doorstep/core';
import { describe, expect, it } from 'vitest';
import { compliancePacks } from './index';

describe('compliancePacks', () => {
  it('registers under distinct ids, as compliance policies', () => {
    const registry = createRegistry({ compliance: compliancePacks });
    expect([...registry.compliance.keys()]).toEqual(['cn', 'in', 'uk', 'us']);
  });

  it.each(compliancePacks)('$id: default options satisfy the schema', (pack) => {
    expect(pack.options.safeParse(pack.defaultOptions).success).toBe(true);
  });

  it.each(compliancePacks)('$id: rejects daily hours that are empty or malformed', (pack) => {
    for (const hours of [
      { allowed: { from: '08:00', to: '08:00' } },
      { forbidden: { from: '8:00', to: '22:00' } },
    ]) {
      expect(pack.options.safeParse({ ...pack.defaultOptions, hours }).success).toBe(false);
    }
  });
});
