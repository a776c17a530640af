import type { PolicyKind } from './policy';

/**
 * A plugin threw while deciding. The pipeline returns this instead of a partial decision.
 * `detail` is the thrown message: log it, do not send it to API clients.
 */
export interface PolicyFailure {
  code: 'POLICY.FAILED';
  kind: PolicyKind;
  policyId: string;
  policyVersion: string;
  message: string;
  detail: string;
}

export const policyFailure = (
  policy: { kind: PolicyKind; id: string; version: string },
  error: unknown,
): PolicyFailure => ({
  code: 'POLICY.FAILED',
  kind: policy.kind,
  policyId: policy.id,
  policyVersion: policy.version,
  message: `${policy.kind} policy ${policy.id}@${policy.version} failed; no decision was made`,
  detail: error instanceof Error ? error.message : String(error),
});
