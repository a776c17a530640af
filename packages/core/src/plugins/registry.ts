import type { AnyCompliancePolicy } from '../contracts/compliance';
import type { AnyFollowUpPolicy } from '../contracts/follow-up';
import type { AnyPlanningPolicy } from '../contracts/planning';
import type { AnyPreparationPolicy } from '../contracts/preparation';
import type { AnyRelationshipPolicy } from '../contracts/relationship';
import type { AnyRepaymentPolicy } from '../contracts/repayment';
import type { AnyRiskModelPolicy } from '../contracts/risk-model';
import type { AnyScreeningPolicy } from '../contracts/screening';
import { contractIncompatibility } from './contract-version';
import type { PolicyKind } from './policy';

export interface PolicyByKind {
  screening: AnyScreeningPolicy;
  compliance: AnyCompliancePolicy;
  preparation: AnyPreparationPolicy;
  planning: AnyPlanningPolicy;
  repayment: AnyRepaymentPolicy;
  followUp: AnyFollowUpPolicy;
  riskModel: AnyRiskModelPolicy;
  relationship: AnyRelationshipPolicy;
}

/** Plugins to register, grouped by kind; every kind may be omitted. */
export type PolicyGroup = { readonly [K in PolicyKind]?: readonly PolicyByKind[K][] };

/** One map per kind, id → plugin. */
export type PolicyRegistry = { readonly [K in PolicyKind]: ReadonlyMap<string, PolicyByKind[K]> };

export class PolicyRegistryError extends Error {
  override readonly name = 'PolicyRegistryError';
}

/**
 * Builds a registry from one or more groups (e.g. the built-ins plus a third-party package). Two
 * plugins with one id, a plugin filed under the wrong kind, or one built for a plugin contract this
 * core cannot host are start-up bugs: this throws, naming the plugin, so a deployment with such a
 * plugin never starts and no customer's decision ever reaches it.
 *
 * @example
 * const registry = createRegistry(builtInPolicies, { followUp: [hardshipFirst] });
 */
export const createRegistry = (...groups: PolicyGroup[]): PolicyRegistry => {
  const build = <K extends PolicyKind>(kind: K): ReadonlyMap<string, PolicyByKind[K]> => {
    const map = new Map<string, PolicyByKind[K]>();
    for (const group of groups) {
      for (const policy of group[kind] ?? []) {
        if (policy.kind !== kind) {
          throw new PolicyRegistryError(`${policy.kind}/${policy.id} was registered as a ${kind} policy`);
        }
        const incompatible = contractIncompatibility(policy.contract);
        if (incompatible !== null) {
          throw new PolicyRegistryError(`${kind} policy ${policy.id}@${policy.version} ${incompatible}`);
        }
        const existing = map.get(policy.id);
        if (existing !== undefined) {
          throw new PolicyRegistryError(
            `Duplicate ${kind} policy id "${policy.id}" (versions ${existing.version} and ${policy.version})`,
          );
        }
        map.set(policy.id, policy);
      }
    }
    return map;
  };
  return Object.freeze({
    screening: build('screening'),
    compliance: build('compliance'),
    preparation: build('preparation'),
    planning: build('planning'),
    repayment: build('repayment'),
    followUp: build('followUp'),
    riskModel: build('riskModel'),
    relationship: build('relationship'),
  });
};
