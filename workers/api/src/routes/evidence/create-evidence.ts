import { judgeEvidence } from '@doorstep/core';
import { evidence } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { evidenceObjectKey } from '../../repositories/evidence';
import { findVisit } from '../../repositories/visits';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { EVIDENCE_READERS, EvidenceInputSchema, EvidenceSchema, evidenceBody } from './evidence-schema';

/** Visits evidence may be added to: the one planned (an outcome may skip check-in), being made, or made. */
const TAKES_EVIDENCE = new Set(['planned', 'checked_in', 'completed']);

export const route = partnerRoute(EVIDENCE_READERS, {
  method: 'post',
  path: '/v1/visits/{visitId}/evidence',
  operationId: 'createVisitEvidence',
  tags: ['Evidence'],
  summary: 'Announce a photo, signed plan or receipt of a visit',
  description:
    'Step one of two: declares the kind, media type, size and SHA-256 of the file; a type the kind may not have or a size over the limit is refused here (422 at the field). Then `PUT` the bytes to `contentUrl`. Cite stored evidence in the visit’s outcome by id (`evidenceIds`).',
  request: {
    params: idParam('visitId', 'vis'),
    body: { content: { 'application/json': { schema: EvidenceInputSchema } }, required: true },
  },
  responses: {
    201: { description: 'Announced', content: { 'application/json': { schema: EvidenceSchema } } },
    ...problems(404, 409),
  },
});

export function registerCreateEvidence(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const found = await findVisit(db, c.var.auth, visitId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    if (!TAKES_EVIDENCE.has(found.visit.status))
      throw new ApiError('RESOURCE.CONFLICT', `A ${found.visit.status} visit takes no evidence.`);
    const problemsFound = judgeEvidence(body);
    if (problemsFound.length > 0)
      throw new ApiError('REQUEST.INVALID', 'This evidence cannot be stored; see `errors`.', {
        errors: problemsFound.map((problem) => ({
          path: `/${problem.field}`,
          in: 'body' as const,
          message: problem.message,
          code: problem.code,
        })),
      });
    const now = ports.now();
    const id = ports.newId('evd');
    const row = {
      id,
      tenantId,
      caseId: found.visit.caseId,
      visitId,
      kind: body.kind,
      mediaType: body.mediaType,
      sizeBytes: body.sizeBytes,
      sha256: body.sha256,
      objectKey: evidenceObjectKey(tenantId, found.visit.caseId, id),
      status: 'pending' as const,
      createdByKeyId: keyId,
      createdAt: now,
      storedAt: null,
      erasedAt: null,
    };
    await audited(
      c,
      {
        action: 'evidence.announced',
        subjectType: 'visit',
        subjectId: visitId,
        data: {
          evidenceId: id,
          kind: body.kind,
          mediaType: body.mediaType,
          sizeBytes: body.sizeBytes,
          sha256: body.sha256,
        },
      },
      [db.insert(evidence).values(row)],
    );
    const created = evidenceBody(row);
    c.header('Location', created.contentUrl);
    return c.json(created, 201);
  });
}
