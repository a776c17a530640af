import { cnPack } from './cn';
import { inPack } from './in';
import { ukPack } from './uk';
import { usPack } from './us';

/**
 * The built-in packs, registered as one group.
 *
 * @example
 * const registry = createRegistry(builtInPolicies, { compliance: compliancePacks });
 */
export const compliancePacks = [cnPack, inPack, ukPack, usPack] as const;
