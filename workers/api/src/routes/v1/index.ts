import { bodyLimit } from 'hono/body-limit';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { authenticate } from '../../middleware/authenticate';
import { partnerCors } from '../../middleware/cors';
import { idempotency } from '../../middleware/idempotency';
import { rateLimit } from '../../middleware/rate-limit';
import { services } from '../../middleware/services';
import { isEvidenceUpload } from '../evidence';
import { registerAcceptRepaymentPlan } from './accept-repayment-plan';
import { registerActivatePolicySet } from './activate-policy-set';
import { registerCancelVisit } from './cancel-visit';
import { registerCheckInVisit } from './check-in-visit';
import { registerCreateAgent } from './create-agent';
import { registerCreateApiKey } from './create-api-key';
import { registerCreateScreening } from './create-screening';
import { registerCreateVisit } from './create-visit';
import { registerCreateWebhookSubscription } from './create-webhook-subscription';
import { registerDeactivateWebhookSubscription } from './deactivate-webhook-subscription';
import { registerGetAccount } from './get-account';
import { registerGetAccountByRef } from './get-account-by-ref';
import { registerGetAgent } from './get-agent';
import { registerGetCase } from './get-case';
import { registerGetCaseDossier } from './get-case-dossier';
import { registerGetCustomer } from './get-customer';
import { registerGetCustomerByRef } from './get-customer-by-ref';
import { registerGetCustomerTimeline } from './get-customer-timeline';
import { registerGetPolicySet } from './get-policy-set';
import { registerGetRepaymentPlan } from './get-repayment-plan';
import { registerGetScreening } from './get-screening';
import { registerGetTenant } from './get-tenant';
import { registerGetVisit } from './get-visit';
import { registerListAgents } from './list-agents';
import { registerListApiKeys } from './list-api-keys';
import { registerListAudit } from './list-audit';
import { registerListCaseFollowUps } from './list-case-follow-ups';
import { registerListCasePromises } from './list-case-promises';
import { registerListCaseScreeningDecisions } from './list-case-screening-decisions';
import { registerListCases } from './list-cases';
import { registerListCustomers } from './list-customers';
import { registerListPlugins } from './list-plugins';
import { registerListPolicySets } from './list-policy-sets';
import { registerListRegions } from './list-regions';
import { registerListVisits } from './list-visits';
import { registerListWebhookSubscriptions } from './list-webhook-subscriptions';
import { registerLookupAccounts } from './lookup-accounts';
import { registerLookupCustomers } from './lookup-customers';
import { READ_ONLY_EXTENSION } from './partner-route';
import { registerProposeRepaymentPlan } from './propose-repayment-plan';
import { registerReassignVisit } from './reassign-visit';
import { registerRecordCasePromise } from './record-case-promise';
import { registerRecordVisitOutcome } from './record-visit-outcome';
import { registerRescheduleVisit } from './reschedule-visit';
import { registerRevokeApiKey } from './revoke-api-key';
import { registerRotateApiKey } from './rotate-api-key';
import { registerTestWebhookSubscription } from './test-webhook-subscription';
import { registerUpdateAgent } from './update-agent';
import { registerValidatePolicySet } from './validate-policy-set';

/** Partner bodies are small JSON documents; anything bigger is a bug or an attack. */
const MAX_BODY_BYTES = 256 * 1024;
/** A claimed Idempotency-Key whose request has not finished after this long is presumed dead. */
const IDEMPOTENCY_LEASE_MS = 60_000;

/**
 * The POSTs declared read-only (`partnerRoute`'s `read: true`), from the registered routes: the route says
 * it once, and the idempotency middleware and the document cannot disagree.
 */
const readOnlyPosts = (app: ReturnType<typeof createRouter>): ReadonlySet<string> =>
  new Set(
    app.openAPIRegistry.definitions.flatMap((definition) =>
      definition.type === 'route' &&
      definition.route.method === 'post' &&
      (definition.route as Record<string, unknown>)[READ_ONLY_EXTENSION] === true
        ? [definition.route.path]
        : [],
    ),
  );

/**
 * The partner REST API under `/v1`: CORS, then services, key, rate limit, body limit and
 * idempotency for every operation, then one registration per operation file.
 */
export function registerV1(app: ReturnType<typeof createRouter>) {
  app.use('/v1/*', partnerCors());
  app.use('/v1/*', services());
  app.use('/v1/*', authenticate());
  app.use('/v1/*', rateLimit());
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('REQUEST.TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
    },
  });
  // An evidence upload is bounded by its own announced size (and the evidence limit) as it is read.
  app.use('/v1/*', (c, next) =>
    isEvidenceUpload(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next),
  );
  // Read on the first request, once every route below is registered.
  let readOnly: ReadonlySet<string> | undefined;
  const isReadOnlyPost = (path: string) => {
    readOnly ??= readOnlyPosts(app);
    return readOnly.has(path);
  };
  app.use(
    '/v1/*',
    idempotency({
      leaseMs: IDEMPOTENCY_LEASE_MS,
      reads: (method, path) => method === 'POST' && isReadOnlyPost(path),
    }),
  );

  registerActivatePolicySet(app);
  registerCheckInVisit(app);
  registerCancelVisit(app);
  registerRescheduleVisit(app);
  registerReassignVisit(app);
  registerCreateAgent(app);
  registerCreateApiKey(app);
  registerCreateScreening(app);
  registerCreateVisit(app);
  registerGetAgent(app);
  registerGetCase(app);
  registerGetCaseDossier(app);
  registerListCasePromises(app);
  registerListCaseScreeningDecisions(app);
  registerListPlugins(app);
  registerRecordCasePromise(app);
  registerCreateWebhookSubscription(app);
  registerListWebhookSubscriptions(app);
  registerDeactivateWebhookSubscription(app);
  registerTestWebhookSubscription(app);
  registerAcceptRepaymentPlan(app);
  registerProposeRepaymentPlan(app);
  registerGetRepaymentPlan(app);
  registerListCaseFollowUps(app);
  registerGetCustomerByRef(app);
  registerLookupCustomers(app);
  registerGetCustomer(app);
  registerGetAccountByRef(app);
  registerLookupAccounts(app);
  registerGetAccount(app);
  registerGetCustomerTimeline(app);
  registerGetPolicySet(app);
  registerGetScreening(app);
  registerGetTenant(app);
  registerGetVisit(app);
  registerListAgents(app);
  registerListApiKeys(app);
  registerListAudit(app);
  registerListCases(app);
  registerListCustomers(app);
  registerListPolicySets(app);
  registerListRegions(app);
  registerListVisits(app);
  registerRecordVisitOutcome(app);
  registerRevokeApiKey(app);
  registerRotateApiKey(app);
  registerUpdateAgent(app);
  registerValidatePolicySet(app);
}
