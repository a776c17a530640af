import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { findEvidence } from '../../repositories/evidence';
import { partnerRoute } from '../v1/partner-route';
import { problems } from '../v1/schemas';
import { EVIDENCE_CONTENT, EVIDENCE_READERS, evidenceParams } from './evidence-schema';

export const route = partnerRoute(EVIDENCE_READERS, {
  method: 'get',
  path: '/v1/visits/{visitId}/evidence/{evidenceId}/content',
  operationId: 'downloadEvidenceContent',
  tags: ['Evidence'],
  summary: 'Download stored evidence',
  description:
    'The bytes as stored, with their media type and `Repr-Digest` (SHA-256). Each download is written to the audit trail as a view of the case’s dossier (`dossier.viewed` with the evidence id): evidence shows the customer’s home. Analyst and agency keys may not download evidence (403); evidence erased with the case’s retention is 410.',
  request: { params: evidenceParams },
  responses: {
    200: {
      description: 'The evidence',
      content: EVIDENCE_CONTENT,
    },
    ...problems(404, 410),
  },
});

const base64Of = (hex: string) =>
  btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16))));

export function registerDownloadEvidence(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId, evidenceId } = c.req.valid('param');
    const found = await findEvidence(c.var.services.db, c.var.auth, visitId, evidenceId);
    if (!found || found.evidence.status === 'pending')
      throw new ApiError('RESOURCE.NOT_FOUND', 'No such evidence.');
    const stored = found.evidence;
    if (stored.status === 'erased')
      throw new ApiError('EVIDENCE.ERASED', 'This evidence was erased when the case’s retention ended.');
    const object = await c.env.EVIDENCE.get(stored.objectKey);
    if (!object) throw new Error(`evidence ${evidenceId} is stored in D1 but missing from R2`);
    await audited(
      c,
      {
        action: 'dossier.viewed',
        subjectType: 'case',
        subjectId: stored.caseId,
        data: { evidenceId, visitId, masked: false },
      },
      [],
    );
    return c.body(object.body, 200, {
      'Content-Type': stored.mediaType,
      'Content-Length': String(stored.sizeBytes),
      'Repr-Digest': `sha-256=:${base64Of(stored.sha256)}:`,
      ETag: `"${stored.sha256}"`,
      // Personal data: never kept by a shared cache or the browser's.
      'Cache-Control': 'private, no-store',
      // Opened in a browser, a crafted file runs nothing and reaches nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });
}
