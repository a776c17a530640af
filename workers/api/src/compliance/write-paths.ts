/**
 * How each write operation of the API stands to compliance: `visit` when it plans, schedules, checks
 * in or records a visit (it must call `assertVisitAllowed`, `assertCheckInAllowed` or
 * `assertOutcomeAllowed`), or `none:` with the reason it cannot put anyone on a doorstep.
 *
 * One map rather than a field on each route: the route files belong to several developers, and a
 * new write route fails `compliance.coverage.test.ts` until it is declared here. A `visit` entry is
 * proven by that test's table of requests each such route must refuse.
 */
export type ComplianceDeclaration = 'visit' | `none:${string}`;

export const writeCompliance = {
  'POST /v1/visits': 'visit',
  'POST /v1/visits/{visitId}/check-in': 'visit',
  'POST /v1/visits/{visitId}/reschedule': 'visit',
  'POST /v1/visits/{visitId}/reassign': 'visit',
  'POST /v1/visits/{visitId}/cancel': 'none:calls a visit off; nobody goes to the door',
  'POST /v1/visits/{visitId}/outcome': 'visit',
  'POST /v1/visits/{visitId}/overrides':
    'none:records a supervisor override; the visit it names is judged again at check-in',
  'POST /v1/visits/{visitId}/notices':
    'none:records that the customer was told the visit date and likely time; check-in reads it',
  'POST /v1/cases/{caseId}/promises':
    'none:records a promise the customer already made remotely; it follows the rules of a visit outcome (assertCommitmentAllowed)',
  'POST /v1/cases/{caseId}/contacts':
    'none:records a remote contact already made; the packs count it when judging the next visit',
  'POST /v1/compliance/contact-checks':
    'none:asks the packs whether a contact may be made; records only its audit row',
  'POST /v1/visits/{visitId}/evidence': 'none:announces a file of a visit; the visit was judged when made',
  'PUT /v1/visits/{visitId}/evidence/{evidenceId}/content': 'none:stores the bytes of announced evidence',
  'POST /v1/agents': 'none:agent registry',
  'PATCH /v1/agents/{agentId}': 'none:agent registry',
  'POST /v1/api-keys': 'none:access management',
  'POST /v1/api-keys/{keyId}/revoke': 'none:access management',
  'POST /v1/api-keys/{keyId}/rotate': 'none:access management',
  'POST /v1/screenings': 'none:screening decides eligibility and priority, not a visit time',
  'POST /v1/cases/{caseId}/repayment-plans': 'none:a plan proposal contacts nobody',
  'POST /v1/repayment-plans/{planId}/accept': 'none:records the customer’s acceptance',
  'POST /v1/policy-set/validate': 'none:validates a document, writes nothing',
  'POST /v1/policy-set/versions': 'none:policy configuration',
  'POST /v1/customers/{customerId}/lessons':
    'none:a lesson is a contact judged by decideLessonOffer (cease-contact, deceased, Breathing Space, opt-out); visit rules do not apply',
  'POST /v1/lesson-assignments/{assignmentId}/progress': 'none:records what the customer read',
  'POST /v1/lesson-assignments/{assignmentId}/quiz': 'none:records the customer’s answers',
  'PUT /v1/customers/{customerId}/relationship-preference':
    'none:records the customer’s consent to lessons and check-ins, which every sender reads',
  'POST /v1/webhook-deliveries/{deliveryId}/redeliver': 'none:partner notification',
  'POST /v1/dead-letters/{deadLetterId}/replay':
    'none:re-sends a queued job; a visit it leads to is judged again at check-in',
  'POST /v1/webhook-subscriptions': 'none:partner notification',
  'POST /v1/webhook-subscriptions/{subscriptionId}/test':
    'none:a signed test ping to the partner’s own endpoint; it names no customer',
  'POST /v1/customers/lookup': 'none:a read by core-banking numbers; writes nothing',
  'POST /v1/accounts/lookup': 'none:a read by core-banking numbers; writes nothing',
  'DELETE /v1/webhook-subscriptions/{subscriptionId}': 'none:partner notification',
  'POST /v1/experiments': 'none:enrolment only holds cases out of visits',
  'POST /v1/visit-plans':
    'none:the plan.solve job gives the solver only allowedWindowsFor windows; check-in judges each visit again',
  'POST /v1/visit-plans/{planId}/publish': 'none:publishing changes no visit time',
  'POST /v1/visit-plans/{planId}/replan':
    'none:the plan.replan job gives the solver only allowedWindowsFor windows as of its run, and the cancellations it carries put nobody on a doorstep; check-in judges each visit again',
  'POST /v1/complaints': 'none:records a customer complaint',
  'POST /v1/reports/rollups/rebuilds': 'none:recomputes report rollups from rows already recorded',
  'POST /v1/intake/events': 'none:core-banking facts; the flags they carry are what the packs read',
  'POST /v1/intake/batches': 'none:core-banking facts; the flags they carry are what the packs read',
} as const satisfies Record<string, ComplianceDeclaration>;
