import type { PolicyGroup } from '@doorstep/core';
import { hardshipFirst } from './hardship-first';

export { hardshipFirst };

/** Register with `createRegistry(builtInPolicies, acmePolicies)`. */
export const acmePolicies = { followUp: [hardshipFirst] } satisfies PolicyGroup;
