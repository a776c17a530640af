import type {
  PreparationInput,
  PreparationProposal,
  RequirementsInput,
  VisitRequirements,
} from '../contracts/preparation';
import { type PolicyFailure, policyFailure } from '../plugins/failure';
import type { ResolvedPolicySet } from '../plugins/policy-set';
import { err, ok, type Result } from '../result/result';
import type { DecisionContext } from './context';

/** Builds the dossier, suggests a visit purpose and lists the doorstep introduction checklist. */
export const prepareVisit = (
  set: ResolvedPolicySet,
  input: Omit<PreparationInput, 'now'>,
  ctx: DecisionContext,
): Result<PreparationProposal, PolicyFailure> => {
  const policy = set.preparation;
  try {
    return ok(policy.fns.prepare({ ...input, now: ctx.now }));
  } catch (error) {
    return err(policyFailure(policy, error));
  }
};

/** The skills and language the visiting team must bring, as the preparation plugin sets them. */
export const visitRequirements = (
  set: ResolvedPolicySet,
  input: RequirementsInput,
): Result<VisitRequirements, PolicyFailure> => {
  const policy = set.preparation;
  if (policy.fns.requirements === undefined) return ok({ skills: [], language: null, reasons: [] });
  try {
    return ok(policy.fns.requirements(input));
  } catch (error) {
    return err(policyFailure(policy, error));
  }
};
