import type { z } from 'zod';
import type { Statement } from '../domain/statement';
import { type AnyPolicy, definePolicy, type Policy, type PolicyDefinition } from '../plugins/policy';
import type { Reason, ReasonCode, ReasonTemplates } from '../reasons/reason';
import type { Instant } from '../time/schemas';

/** One account's statement history, the newest first. */
export interface RiskModelInput {
  now: Instant;
  statements: readonly Statement[];
}

interface AssessedBy {
  modelId: string;
  modelVersion: string;
}

/**
 * A probability that the customer misses the next payment, its band, and the reasons that raised it
 * most (adverse-action style, in words), or why the account could not be scored.
 */
export type RiskAssessment<C extends string = string> = AssessedBy &
  (
    | { scored: true; probability: number; band: string; reasons: Reason<C>[] }
    | { scored: false; reasons: Reason<C>[] }
  );

/** An account's latest stored score, as screening and other policies read it. */
export interface RiskFact {
  /** `id@version` of the model that scored it. */
  model: string;
  probability: number;
  band: string;
  /** The newest statement month the score read. */
  latestStatement: string;
  reasons: Reason[];
}

/**
 * Before an account is overdue the programme may remind or call; a visit needs an overdue case, so
 * it is not an action an early warning can take.
 */
export const EARLY_WARNING_ACTIONS = ['none', 'reminder', 'call'] as const;
export type EarlyWarningAction = (typeof EARLY_WARNING_ACTIONS)[number];

export interface EarlyWarningDecision<C extends string = string> {
  action: EarlyWarningAction;
  reasons: Reason<C>[];
}

/** Population stability of one quantity between the training rows and a newer population. */
export interface StabilityRow {
  /** `score` or a feature id. */
  name: string;
  /** Null when the newer population is empty. */
  psi: number | null;
  /** < 0.1 stable, 0.1–0.25 drifting, ≥ 0.25 shifted (the usual credit-risk reading). */
  level: 'stable' | 'drifting' | 'shifted' | 'no-data';
  bins: { upTo: number | null; expected: number; actual: number }[];
}

export interface StabilityReport {
  modelId: string;
  modelVersion: string;
  /** Accounts that could be scored; the others are left out of every row. */
  population: number;
  score: StabilityRow;
  features: StabilityRow[];
}

export interface RiskModelFunctions<C extends string = string> {
  assess(input: RiskModelInput): RiskAssessment<C>;
  /** What to do about a customer who is not overdue yet, from their assessment. */
  decide(assessment: RiskAssessment<C>): EarlyWarningDecision<C>;
  /** PSI of the score and of every feature of the model, for a portfolio of histories. */
  stability(inputs: readonly RiskModelInput[]): StabilityReport;
}

export type RiskModelPolicy<R extends ReasonTemplates, S extends z.ZodType> = Policy<
  'riskModel',
  R,
  S,
  RiskModelFunctions<ReasonCode<R>>
>;
export type AnyRiskModelPolicy = AnyPolicy<'riskModel', RiskModelFunctions>;

/**
 * A risk model as a plugin: a pure, deterministic scorer (usually compiled once in `create` from a
 * versioned artifact) with the policy that turns its score into an early-warning action.
 */
export const defineRiskModelPolicy = <const R extends ReasonTemplates, S extends z.ZodType>(
  definition: PolicyDefinition<R, S, RiskModelFunctions<ReasonCode<R>>>,
): RiskModelPolicy<R, S> => definePolicy('riskModel', definition);
