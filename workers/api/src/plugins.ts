/**
 * The plugins this deployment runs: the one place a bank lists them. A tenant's policy set may name
 * any plugin registered here, and nothing else.
 *
 * - `builtInPolicies` — the core's (weighted-risk, standard-dossier, affordable-plan, …).
 * - the jurisdiction packs (`cn`, `us`, `in`, `uk`) and the route-optimised planner.
 * - the early-warning risk model `credit-default-gbm` and, opt-in for a tenant's screening, `risk-score`
 *   that ranks overdue cases by the same score (docs/risk-model.md).
 * - the after-cure relationship policy `post-cure-check-ins` (docs/education.md).
 * - `@doorstep/plugin-example` (`packages/plugin-example`), the example third-party
 *   plugin the demo installs: a follow-up policy `hardship-first`.
 *
 * To add one: `pnpm create-plugin <name> --kind <kind>` scaffolds a workspace package and adds its
 * import and group here; an npm package is added to `workers/api/package.json` and listed the same way.
 * A duplicate id, or a plugin built for another plugin contract, stops the worker at start-up with the
 * plugin's name (docs/plugins.md).
 */

// #region registry
import { compliancePacks } from '@doorstep/compliance';
import { builtInPolicies, createRegistry, type PolicyGroup } from '@doorstep/core';
import { relationshipPolicies } from '@doorstep/education';
import { planningPolicies } from '@doorstep/planning';
import { acmePolicies } from '@doorstep/plugin-example';
import { severalAccountsPolicies } from '@doorstep/plugin-several-accounts';
import { creditDefaultGbm, riskScore } from '@doorstep/risk-model';

export const installedPlugins: readonly PolicyGroup[] = [
  builtInPolicies,
  { compliance: compliancePacks },
  { planning: planningPolicies },
  { riskModel: [creditDefaultGbm], screening: [riskScore] },
  { relationship: relationshipPolicies },
  acmePolicies,
  severalAccountsPolicies, // screening: several-accounts
  // create-plugin: new groups go above this line
];

/** Every policy a tenant's set may name, built once per isolate when the worker starts. */
export const policyRegistry = createRegistry(...installedPlugins);
// #endregion
