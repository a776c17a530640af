import { z } from 'zod';
import { defineCompliancePolicy } from '../../contracts/compliance';

/**
 * Test double: allows the whole interval and vetoes nothing. Never put it in a production policy
 * set; it exists so pipeline tests do not depend on any jurisdiction's rules.
 */
export const permitAll = defineCompliancePolicy({
  id: 'permit-all',
  version: '1.0.0',
  contract: '2.0',
  docs: { description: 'Test double that permits every visit at any time. Not for production.' },
  reasons: {},
  options: z.object({}),
  defaultOptions: {},
  create: () => ({
    assessVisit: (query) => ({ windows: [query.interval], vetoes: [] }),
  }),
});
