import type { PolicyGroup } from '@doorstep/core';
import { severalAccounts } from './several-accounts';

export { severalAccounts };

/** Register with `createRegistry(builtInPolicies, severalAccountsPolicies)`; listed in workers/api/src/plugins.ts. */
export const severalAccountsPolicies = { screening: [severalAccounts] } satisfies PolicyGroup;
