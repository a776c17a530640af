import { prepareVisit } from '@doorstep/core';
import { masksPersonalData } from '../../auth/roles';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { decidedBy, decidingPolicy, resolveDeciding } from '../../repositories/deciding-policy';
import { idSource } from '../../repositories/domain';
import { loadDossierFacts } from '../../repositories/dossier';
import { CaseDossierSchema, maskedDossier } from './dossier-schema';
import { partnerRoute } from './partner-route';
import { idParam, problems } from './schemas';

export const route = partnerRoute(['admin', 'supervisor', 'analyst', 'agency', 'agent'], {
  operationId: 'getCaseDossier',
  method: 'get',
  path: '/v1/cases/{caseId}/dossier',
  tags: ['Cases'],
  summary: 'A case’s dossier, suggested visit purpose and doorstep checklist',
  description:
    'Built by the tenant’s preparation policy from the case history. Every view is written to the audit trail (`dossier.viewed`: who, when, which case). An agency key sees its own cases, an agent key the cases of visits assigned to it; analyst and agency keys get the customer’s personal data as `***`.',
  request: { params: idParam('caseId', 'case') },
  responses: {
    200: { description: 'The dossier', content: { 'application/json': { schema: CaseDossierSchema } } },
    ...problems(404),
  },
});

export function registerGetCaseDossier(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    const { db, ports } = c.var.services;
    const { auth } = c.var;
    const now = new Date(ports.now()).toISOString();
    const loaded = loadDossierFacts(db, auth, caseId, now);
    const [facts, deciding] = await Promise.all([
      loaded,
      decidingPolicy(
        c.var.services.d1,
        auth.tenantId,
        { caseId },
        loaded.then((f) => f?.policy ?? null),
      ),
    ]);
    if (!facts) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    // A case in a challenger experiment's challenger arm is prepared by the challenger set's policy.
    const set = resolveDeciding(auth.tenantId, deciding);
    const prepared = prepareVisit(set, facts.input, { now, ids: idSource(ports) });
    if (!prepared.ok) throw new Error(`preparation policy failed: ${prepared.error.policyId}`);
    const mask = masksPersonalData(auth);
    await audited(
      c,
      { action: 'dossier.viewed', subjectType: 'case', subjectId: caseId, data: { masked: mask } },
      [],
    );
    const { dossier, purpose, reasons, checklist } = prepared.value;
    return c.json(
      {
        dossier: mask ? maskedDossier(dossier) : dossier,
        purpose,
        reasons,
        checklist,
        decidedBy: decidedBy(deciding, set),
      },
      200,
    );
  });
}
