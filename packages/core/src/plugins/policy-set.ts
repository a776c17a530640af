import { z } from 'zod';
import type { ComplianceFunctions } from '../contracts/compliance';
import type { FollowUpFunctions } from '../contracts/follow-up';
import type { PlanningFunctions } from '../contracts/planning';
import type { PreparationFunctions } from '../contracts/preparation';
import type { RelationshipFunctions } from '../contracts/relationship';
import type { RepaymentFunctions } from '../contracts/repayment';
import type { RiskModelFunctions } from '../contracts/risk-model';
import type { ScreeningFunctions } from '../contracts/screening';
import { err, ok, type Result } from '../result/result';
import type { AnyPolicy, PolicyKind } from './policy';
import type { PolicyRegistry } from './registry';

export const PolicyRefSchema = z.object({
  id: z.string().min(1),
  /** Overrides merged over the plugin's `defaultOptions`, then validated by its schema. */
  options: z.record(z.string(), z.unknown()).optional(),
});
export type PolicyRef = z.infer<typeof PolicyRefSchema>;

/**
 * Which plugins decide, with which options: data a tenant can store, version and diff.
 * Screening and compliance combine several plugins; the other kinds have one decision-maker.
 */
export const PolicySetSchema = z.object({
  version: z.string().min(1),
  screening: z.array(PolicyRefSchema).min(1),
  compliance: z.array(PolicyRefSchema),
  preparation: PolicyRefSchema,
  planning: PolicyRefSchema.optional(),
  repayment: PolicyRefSchema,
  followUp: PolicyRefSchema,
  /** The early-warning model scoring accounts before they are overdue; none: no early warnings. */
  riskModel: PolicyRefSchema.optional(),
  /** Light, consented contact after a cure; absent: none. */
  relationship: PolicyRefSchema.optional(),
});
export type PolicySet = z.infer<typeof PolicySetSchema>;

/** A plugin instantiated with validated options; `fns` are what `create` returned. */
export interface ResolvedPolicy<K extends PolicyKind, F> {
  readonly kind: K;
  readonly id: string;
  readonly version: string;
  readonly options: unknown;
  readonly fns: F;
}

export interface ResolvedPolicySet {
  readonly version: string;
  readonly screening: readonly ResolvedPolicy<'screening', ScreeningFunctions>[];
  readonly compliance: readonly ResolvedPolicy<'compliance', ComplianceFunctions>[];
  readonly preparation: ResolvedPolicy<'preparation', PreparationFunctions>;
  readonly planning: ResolvedPolicy<'planning', PlanningFunctions> | null;
  readonly repayment: ResolvedPolicy<'repayment', RepaymentFunctions>;
  readonly followUp: ResolvedPolicy<'followUp', FollowUpFunctions>;
  readonly riskModel: ResolvedPolicy<'riskModel', RiskModelFunctions> | null;
  readonly relationship: ResolvedPolicy<'relationship', RelationshipFunctions> | null;
}

export interface PolicySetProblem {
  code: 'SET.INVALID' | 'POLICY.UNKNOWN' | 'OPTIONS.INVALID' | 'POLICY.CREATE_FAILED';
  /** Where in the policy set, e.g. `['screening', 0, 'options', 'weights', 'dpd']`. */
  path: Array<string | number>;
  message: string;
}

const mergeOptions = (defaults: unknown, overrides: Record<string, unknown> | undefined): unknown =>
  overrides === undefined
    ? defaults
    : typeof defaults === 'object' && defaults !== null
      ? { ...defaults, ...overrides }
      : overrides;

const toPath = (path: readonly PropertyKey[]): Array<string | number> =>
  path.map((p) => (typeof p === 'symbol' ? String(p) : p));

/**
 * Validates option overrides against one plugin (merged over its defaults) and calls `create`.
 * Problems carry paths relative to `at`, so a policy set can point into itself.
 */
export const instantiatePolicy = <K extends PolicyKind, F>(
  policy: AnyPolicy<K, F>,
  overrides?: Record<string, unknown>,
  at: Array<string | number> = [],
): Result<ResolvedPolicy<K, F>, PolicySetProblem[]> => {
  const parsed = policy.options.safeParse(mergeOptions(policy.defaultOptions, overrides));
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((issue) => ({
        code: 'OPTIONS.INVALID' as const,
        path: [...at, 'options', ...toPath(issue.path)],
        message: `${policy.kind}/${policy.id}@${policy.version}: ${issue.message}`,
      })),
    );
  }
  try {
    const fns = policy.create(parsed.data);
    return ok(
      Object.freeze({ kind: policy.kind, id: policy.id, version: policy.version, options: parsed.data, fns }),
    );
  } catch (error) {
    return err([
      {
        code: 'POLICY.CREATE_FAILED',
        path: at,
        message: `${policy.kind}/${policy.id}@${policy.version} failed to start: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
};

const instantiate = <K extends PolicyKind, F>(
  registry: ReadonlyMap<string, AnyPolicy<K, F>>,
  kind: K,
  ref: PolicyRef,
  path: Array<string | number>,
  problems: PolicySetProblem[],
): ResolvedPolicy<K, F> | null => {
  const policy = registry.get(ref.id);
  if (policy === undefined) {
    const known = [...registry.keys()].join(', ') || 'none';
    problems.push({
      code: 'POLICY.UNKNOWN',
      path: [...path, 'id'],
      message: `No ${kind} policy "${ref.id}" (registered: ${known})`,
    });
    return null;
  }
  const instance = instantiatePolicy(policy, ref.options, path);
  if (!instance.ok) {
    problems.push(...instance.error);
    return null;
  }
  return instance.value;
};

/**
 * Validates a policy set against a registry and instantiates every plugin once. Returns every
 * problem at once, each with its path, so an operator fixes a set in one round.
 */
export const resolvePolicySet = (
  set: unknown,
  registry: PolicyRegistry,
): Result<ResolvedPolicySet, PolicySetProblem[]> => {
  const shape = PolicySetSchema.safeParse(set);
  if (!shape.success) {
    return err(
      shape.error.issues.map((issue) => ({
        code: 'SET.INVALID' as const,
        path: toPath(issue.path),
        message: issue.message,
      })),
    );
  }
  const s = shape.data;
  const problems: PolicySetProblem[] = [];
  const screening = s.screening.map((ref, i) =>
    instantiate(registry.screening, 'screening', ref, ['screening', i], problems),
  );
  const compliance = s.compliance.map((ref, i) =>
    instantiate(registry.compliance, 'compliance', ref, ['compliance', i], problems),
  );
  const preparation = instantiate(
    registry.preparation,
    'preparation',
    s.preparation,
    ['preparation'],
    problems,
  );
  const planning =
    s.planning === undefined
      ? null
      : instantiate(registry.planning, 'planning', s.planning, ['planning'], problems);
  const repayment = instantiate(registry.repayment, 'repayment', s.repayment, ['repayment'], problems);
  const followUp = instantiate(registry.followUp, 'followUp', s.followUp, ['followUp'], problems);
  const riskModel =
    s.riskModel === undefined
      ? null
      : instantiate(registry.riskModel, 'riskModel', s.riskModel, ['riskModel'], problems);
  const relationship =
    s.relationship === undefined
      ? null
      : instantiate(registry.relationship, 'relationship', s.relationship, ['relationship'], problems);
  if (problems.length > 0 || preparation === null || repayment === null || followUp === null) {
    return err(problems);
  }
  return ok(
    Object.freeze({
      version: s.version,
      screening: screening.filter((p) => p !== null),
      compliance: compliance.filter((p) => p !== null),
      preparation,
      planning,
      repayment,
      followUp,
      riskModel,
      relationship,
    }),
  );
};
