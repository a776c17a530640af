import { reasonFactory } from '../reasons/reason';

/** Reasons the engine itself gives, next to those of the plugins it combines. */
export const ENGINE_REASONS = {
  'compliance.no-window': 'No allowed visit time between {start} and {end}',
  'override.applied': 'Supervisor {supervisorId} overrode {rule} for {visitId}: {reason}',
  'override.not-overridable': 'Rule {rule} cannot be overridden',
  'override.no-veto': 'No veto of rule {rule} to override',
} as const;

export const engineReason = reasonFactory(ENGINE_REASONS);
