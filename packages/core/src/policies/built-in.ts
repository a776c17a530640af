import type { PolicySet } from '../plugins/policy-set';
import { createRegistry, type PolicyGroup } from '../plugins/registry';
import { permitAll } from './compliance/permit-all';
import { willingnessAbility } from './follow-up/willingness-ability';
import { greedyRoutes } from './planning/greedy-routes';
import { standardDossier } from './preparation/standard-dossier';
import { affordablePlan } from './repayment/affordable-plan';
import { weightedRisk } from './screening/weighted-risk';

/** The plugins that ship with the core, to combine with third-party groups in `createRegistry`. */
export const builtInPolicies = {
  screening: [weightedRisk],
  compliance: [permitAll],
  preparation: [standardDossier],
  planning: [greedyRoutes],
  repayment: [affordablePlan],
  followUp: [willingnessAbility],
} satisfies PolicyGroup;

export const builtInRegistry = createRegistry(builtInPolicies);

/**
 * The built-in policies with their default options. Its compliance list is empty: a tenant's
 * jurisdiction pack is added by the host; `permit-all` is for tests only.
 */
export const defaultPolicySet: PolicySet = {
  version: 'default-1',
  screening: [{ id: 'weighted-risk' }],
  compliance: [],
  preparation: { id: 'standard-dossier' },
  planning: { id: 'greedy-routes' },
  repayment: { id: 'affordable-plan' },
  followUp: { id: 'willingness-ability' },
};
