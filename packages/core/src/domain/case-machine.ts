import { err, ok, type Result } from '../result/result';
import type { Case, CaseEvent, CaseEventType, CaseStatus } from './case';

const ACTIVE: readonly CaseStatus[] = ['open', 'screened', 'planned', 'visited', 'in_follow_up'];

/**
 * Which event moves a case from which status to which. The loops matter: a broken plan sends the
 * case back to screening, a case that stops qualifying returns to `open`, a revisit is planned
 * straight from follow-up.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseEventType, Partial<Record<CaseStatus, CaseStatus>>>> = {
  screened_eligible: { open: 'screened', screened: 'screened' },
  screened_ineligible: { screened: 'open', open: 'open' },
  visit_planned: { screened: 'planned', in_follow_up: 'planned' },
  visit_cancelled: { planned: 'screened' },
  visit_completed: { planned: 'visited' },
  follow_up_started: { visited: 'in_follow_up' },
  plan_broken: { in_follow_up: 'screened' },
  paid_in_full: Object.fromEntries(ACTIVE.map((s) => [s, 'cured'])),
  escalated: { visited: 'escalated', in_follow_up: 'escalated' },
  closed: Object.fromEntries(ACTIVE.map((s) => [s, 'closed'])),
};

export interface IllegalTransition {
  code: 'CASE.ILLEGAL_TRANSITION';
  caseId: Case['id'];
  from: CaseStatus;
  event: CaseEventType;
  message: string;
}

/** Still in the visit programme: not cured, closed, or escalated to another channel. */
export const isCaseActive = (status: CaseStatus): boolean => ACTIVE.includes(status);

export const allowedEvents = (status: CaseStatus): CaseEventType[] =>
  (Object.keys(CASE_TRANSITIONS) as CaseEventType[]).filter((e) => CASE_TRANSITIONS[e][status] !== undefined);

/** Applies an event to a case; an event the current status does not accept is a value, not a throw. */
export const transition = (current: Case, event: CaseEvent): Result<Case, IllegalTransition> => {
  const to = CASE_TRANSITIONS[event.type][current.status];
  if (to === undefined) {
    const allowed = allowedEvents(current.status);
    return err({
      code: 'CASE.ILLEGAL_TRANSITION',
      caseId: current.id,
      from: current.status,
      event: event.type,
      message: `Case ${current.id} is ${current.status}; ${event.type} is not allowed (allowed: ${allowed.join(', ') || 'none'})`,
    });
  }
  return ok({ ...current, status: to, updatedAt: event.at });
};
