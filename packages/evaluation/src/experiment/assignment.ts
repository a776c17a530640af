import type { Reason } from '@doorstep/core';
import type { Bucket } from '../bucket';
import type { ExperimentDefinition } from './definition';
import { assignmentHash } from './hash';

export type Arm = 'holdout' | 'champion' | 'challenger';

/** The compliance decision for the case, made before and independently of the assignment. */
export type Eligibility = { eligible: true } | { eligible: false; reasons: readonly Reason[] };

export interface AssignmentInput {
  caseId: string;
  /**
   * The bucket at enrolment; frozen with the assignment so later roll-forwards cannot move the case. A
   * case that is current again when enrolled is its own stratum, `current`.
   */
  bucket: Bucket;
  eligibility: Eligibility;
}

export type AssignmentReasonCode = 'assignment.holdout' | 'assignment.visit' | 'compliance.excluded';

/** Everything needed to recompute and audit one assignment by hand. */
export interface Assignment {
  experimentId: string;
  caseId: string;
  stratum: string;
  /** The exact text hashed: salt, stratum and case id joined by U+001F. */
  hashInput: string;
  /** `assignmentHash(hashInput)` as 8 hex digits. */
  hash: string;
  /** hash ÷ 2³², uniform in [0, 1). */
  draw: number;
  arm: Arm;
  /** The slice of [0, 1) the draw fell in: holdout first, then challenger, then champion. */
  armRange: { from: number; to: number };
  eligible: boolean;
  /** Whether the case is to be visited: only an eligible case in a visit arm is. */
  treated: boolean;
  reason: Reason<AssignmentReasonCode>;
  /** The compliance reasons when the case is excluded, carried through unchanged. */
  excludedBy: readonly Reason[];
}

const ALL_CASES = 'all';

/**
 * Assigns one case, deterministically, from nothing but the definition and the case itself.
 *
 * Stratification salts the draw with the bucket at enrolment: every case is decided alone, so assignments
 * never change as cases arrive and any single one can be recomputed from its row. Each bucket receives the
 * holdout share in expectation (binomially, not exactly); `stratumBalance` checks it. Ranking hashes within
 * a bucket would hit the share exactly but make each case's arm depend on every other case in its bucket,
 * so a late arrival could flip cases already visited.
 *
 * Compliance always wins: an excluded case keeps its drawn arm for the record but is never treated.
 */
export function assignCase(definition: ExperimentDefinition, input: AssignmentInput): Assignment {
  const stratum = definition.stratifyBy === 'bucket' ? input.bucket : ALL_CASES;
  const hashInput = [definition.salt, stratum, input.caseId].join('\u001f');
  const value = assignmentHash(hashInput);
  const draw = value / 2 ** 32;
  const { arm, armRange } = armOf(definition, draw);
  const base = {
    experimentId: definition.id,
    caseId: input.caseId,
    stratum,
    hashInput,
    hash: value.toString(16).padStart(8, '0'),
    draw,
    arm,
    armRange,
  };
  if (!input.eligibility.eligible) {
    const codes = input.eligibility.reasons.map((r) => r.code).join(', ');
    return {
      ...base,
      eligible: false,
      treated: false,
      reason: {
        code: 'compliance.excluded',
        data: { arm, complianceReasons: codes },
        message: `Compliance excludes the case (${codes}); the ${arm} draw is recorded but not acted on`,
      },
      excludedBy: input.eligibility.reasons,
    };
  }
  const held = arm === 'holdout';
  return {
    ...base,
    eligible: true,
    treated: !held,
    reason: held
      ? {
          code: 'assignment.holdout',
          data: { draw, holdoutShare: definition.holdoutShare },
          message: `Held out: draw ${draw} is below the holdout share ${definition.holdoutShare}`,
        }
      : {
          code: 'assignment.visit',
          data: { arm, draw, from: armRange.from, to: armRange.to },
          message: `Visit under the ${arm} policy set: draw ${draw} is in [${armRange.from}, ${armRange.to})`,
        },
    excludedBy: [],
  };
}

function armOf(
  definition: ExperimentDefinition,
  draw: number,
): { arm: Arm; armRange: Assignment['armRange'] } {
  const holdoutEnd = definition.holdoutShare;
  const challengerEnd = holdoutEnd + (definition.challenger?.share ?? 0);
  if (draw < holdoutEnd) return { arm: 'holdout', armRange: { from: 0, to: holdoutEnd } };
  if (draw < challengerEnd) return { arm: 'challenger', armRange: { from: holdoutEnd, to: challengerEnd } };
  return { arm: 'champion', armRange: { from: challengerEnd, to: 1 } };
}

export interface StratumBalance {
  stratum: string;
  cases: number;
  holdout: number;
  share: number;
  /** (share − holdoutShare) in binomial standard errors. */
  z: number;
}

/**
 * Holdout share per stratum among eligible cases, with a warning for any stratum more than `zLimit`
 * binomial standard errors from the planned share — a sign of a salt reused or a hash input changed.
 */
export function stratumBalance(
  definition: ExperimentDefinition,
  assignments: readonly Assignment[],
  zLimit = 3,
): { strata: StratumBalance[]; warnings: Reason<'assignment.stratum-imbalance'>[] } {
  const counts = new Map<string, { cases: number; holdout: number }>();
  for (const a of assignments) {
    if (!a.eligible) continue;
    const entry = counts.get(a.stratum) ?? { cases: 0, holdout: 0 };
    entry.cases += 1;
    if (a.arm === 'holdout') entry.holdout += 1;
    counts.set(a.stratum, entry);
  }
  const p = definition.holdoutShare;
  const strata = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([stratum, { cases, holdout }]) => ({
      stratum,
      cases,
      holdout,
      share: holdout / cases,
      z: (holdout / cases - p) / Math.sqrt((p * (1 - p)) / cases),
    }));
  const warnings = strata
    .filter((s) => Math.abs(s.z) > zLimit)
    .map((s) => ({
      code: 'assignment.stratum-imbalance' as const,
      data: { stratum: s.stratum, cases: s.cases, holdout: s.holdout, share: s.share, planned: p, z: s.z },
      message: `Stratum ${s.stratum}: holdout share ${s.share} is ${s.z.toFixed(1)} standard errors from ${p}`,
    }));
  return { strata, warnings };
}
