import type { z } from 'zod';
import { type ReasonFactory, type ReasonTemplates, reasonFactory } from '../reasons/reason';
import type { PluginContractVersion } from './contract-version';

export const POLICY_KINDS = [
  'screening',
  'compliance',
  'preparation',
  'planning',
  'repayment',
  'followUp',
  'riskModel',
  'relationship',
] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

export interface PolicyDocs {
  /** One paragraph: what the policy decides and on which facts. */
  description: string;
  url?: string;
}

/** What a plugin author writes; `define<Kind>Policy` turns it into a frozen plugin value. */
export interface PolicyDefinition<R extends ReasonTemplates, S extends z.ZodType, F> {
  /** Kebab-case, equal to the file name, unique per kind within a registry. */
  id: string;
  /** Semver. Bump the major when the same input may now yield a different decision. */
  version: string;
  /**
   * The plugin contract it was built for (`PLUGIN_CONTRACT_VERSION` of the core it was written
   * against), written as a literal: a host with another major refuses to register it.
   */
  contract: PluginContractVersion;
  docs: PolicyDocs;
  reasons: R;
  options: S;
  defaultOptions: z.input<S>;
  /**
   * Called once per resolved policy set, never per decision: precompute here (tables, parsed
   * thresholds) and return pure functions.
   */
  create(options: z.output<S>, tools: PolicyTools<R>): F;
}

export interface PolicyTools<R extends ReasonTemplates> {
  /** Builds a reason from the catalogue; the message is rendered from the code's template. */
  reason: ReasonFactory<R>;
}

/** A plugin value: data plus a factory of pure functions. */
export interface Policy<K extends PolicyKind, R extends ReasonTemplates, S extends z.ZodType, F> {
  readonly kind: K;
  readonly id: string;
  readonly version: string;
  readonly contract: PluginContractVersion;
  readonly docs: PolicyDocs;
  readonly reasons: R;
  readonly options: S;
  readonly defaultOptions: z.input<S>;
  readonly reason: ReasonFactory<R>;
  create(options: z.output<S>): F;
}

/** Any plugin of a kind, as hosts such as registries see it (options already validated). */
export interface AnyPolicy<K extends PolicyKind, F> {
  readonly kind: K;
  readonly id: string;
  readonly version: string;
  /** Checked by `createRegistry`; a plugin value made by an older core may lack it. */
  readonly contract: string;
  readonly docs: PolicyDocs;
  readonly reasons: ReasonTemplates;
  readonly options: z.ZodType;
  readonly defaultOptions: unknown;
  create(options: unknown): F;
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** A plugin that cannot work as written is a bug in the plugin; it fails where it is defined. */
export class PolicyDefinitionError extends Error {
  override readonly name = 'PolicyDefinitionError';
}

export const definePolicy = <K extends PolicyKind, R extends ReasonTemplates, S extends z.ZodType, F>(
  kind: K,
  definition: PolicyDefinition<R, S, F>,
): Policy<K, R, S, F> => {
  const { id, version } = definition;
  if (!ID_PATTERN.test(id)) throw new PolicyDefinitionError(`${kind} policy id "${id}" must be kebab-case`);
  if (!SEMVER.test(version))
    throw new PolicyDefinitionError(`${kind}/${id}: version "${version}" is not semver`);
  const defaults = definition.options.safeParse(definition.defaultOptions);
  if (!defaults.success) {
    throw new PolicyDefinitionError(
      `${kind}/${id}@${version}: defaultOptions do not match the options schema`,
    );
  }
  const reason = reasonFactory(definition.reasons);
  const tools: PolicyTools<R> = Object.freeze({ reason });
  return Object.freeze({
    kind,
    id,
    version,
    contract: definition.contract,
    docs: Object.freeze({ ...definition.docs }),
    reasons: Object.freeze({ ...definition.reasons }),
    options: definition.options,
    defaultOptions: definition.defaultOptions,
    reason,
    create: (options: z.output<S>) => definition.create(options, tools),
  });
};
