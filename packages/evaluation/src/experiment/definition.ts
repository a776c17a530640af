import type { Result } from '@doorstep/core';

/**
 * A randomised evaluation of the visit programme. Cases are split by hash into a holdout (no visit), the
 * champion policy set and, optionally, a challenger policy set.
 */
export interface ExperimentDefinition {
  id: string;
  /** Mixed into every hash, so two experiments on the same cases draw independently. Never reuse one. */
  salt: string;
  /** Share of eligible cases that are not visited, in (0, 1). */
  holdoutShare: number;
  /** A policy-set version tried on a share of all cases; the champion gets what is left. */
  challenger: { policySetVersion: string; share: number } | null;
  /** `bucket`: draws are salted per delinquency bucket at enrolment, and balance is checked per bucket. */
  stratifyBy: 'bucket' | null;
  /** The smallest absolute cure-rate difference the experiment must be able to detect, e.g. 0.05. */
  minimumDetectableEffect: number;
  /** Planning assumption for the holdout cure rate; when `null` the observed holdout rate is used. */
  baselineCureRate: number | null;
}

export interface DefinitionIssue {
  path: string;
  message: string;
}

const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Checks an experiment definition from outside (API body, stored JSON) and fills defaults: no challenger,
 * stratified by bucket, baseline from the data. Returns every problem, not just the first.
 *
 * @example
 * parseExperimentDefinition({ id: 'visits-2026q4', salt: 'b1f3…', holdoutShare: 0.2, minimumDetectableEffect: 0.05 })
 */
export function parseExperimentDefinition(input: unknown): Result<ExperimentDefinition, DefinitionIssue[]> {
  const issues: DefinitionIssue[] = [];
  const problem = (path: string, message: string) => issues.push({ path, message });
  if (typeof input !== 'object' || input === null)
    return { ok: false, error: [{ path: '', message: 'expected an object' }] };
  const raw = input as Record<string, unknown>;

  const text = (path: string, value: unknown): string => {
    // The hash input joins salt, stratum and case id with U+001F, so a control character would make two
    // different triples hash the same text.
    if (typeof value !== 'string' || value.length === 0 || CONTROL_CHARACTER.test(value)) {
      problem(path, 'expected a non-empty string without control characters');
      return '';
    }
    return value;
  };
  const share = (path: string, value: unknown): number => {
    if (typeof value !== 'number' || !(value > 0 && value < 1)) {
      problem(path, 'expected a number strictly between 0 and 1');
      return 0;
    }
    return value;
  };

  const id = text('id', raw.id);
  const salt = text('salt', raw.salt);
  const holdoutShare = share('holdoutShare', raw.holdoutShare);
  let challenger: ExperimentDefinition['challenger'] = null;
  if (raw.challenger !== undefined && raw.challenger !== null) {
    const c = (typeof raw.challenger === 'object' ? raw.challenger : {}) as Record<string, unknown>;
    challenger = {
      policySetVersion: text('challenger.policySetVersion', c.policySetVersion),
      share: share('challenger.share', c.share),
    };
    if (holdoutShare + challenger.share >= 1) {
      problem(
        'challenger.share',
        'holdout and challenger shares must leave a positive share for the champion',
      );
    }
  }
  const stratifyBy = raw.stratifyBy === undefined ? 'bucket' : raw.stratifyBy;
  if (stratifyBy !== 'bucket' && stratifyBy !== null) problem('stratifyBy', "expected 'bucket' or null");
  const minimumDetectableEffect = share('minimumDetectableEffect', raw.minimumDetectableEffect);
  const baselineCureRate =
    raw.baselineCureRate === undefined || raw.baselineCureRate === null
      ? null
      : share('baselineCureRate', raw.baselineCureRate);
  if (baselineCureRate !== null && baselineCureRate + minimumDetectableEffect >= 1) {
    problem('minimumDetectableEffect', 'baseline plus effect must stay below 1');
  }

  if (issues.length > 0) return { ok: false, error: issues };
  return {
    ok: true,
    value: {
      id,
      salt,
      holdoutShare,
      challenger,
      stratifyBy: stratifyBy as ExperimentDefinition['stratifyBy'],
      minimumDetectableEffect,
      baselineCureRate,
    },
  };
}
