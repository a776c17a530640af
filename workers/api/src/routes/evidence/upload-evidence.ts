import { EVIDENCE_MAX_BYTES, judgeEvidence } from '@doorstep/core';
import { and, eq } from 'drizzle-orm';
import { sha256Hex } from '../../crypto/sha256';
import { evidence } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { findEvidence } from '../../repositories/evidence';
import { partnerRoute } from '../v1/partner-route';
import { problems } from '../v1/schemas';
import {
  EVIDENCE_CONTENT,
  EVIDENCE_READERS,
  EvidenceSchema,
  evidenceBody,
  evidenceParams,
} from './evidence-schema';

export const route = partnerRoute(EVIDENCE_READERS, {
  method: 'put',
  path: '/v1/visits/{visitId}/evidence/{evidenceId}/content',
  operationId: 'uploadEvidenceContent',
  tags: ['Evidence'],
  summary: 'Upload the bytes of announced evidence',
  description: `Step two: the bytes, with the announced media type as \`Content-Type\`. They are hashed as they are stored: a size or SHA-256 other than announced is refused (422, nothing kept), as is any other media type (422 at the \`Content-Type\` header) or more than ${EVIDENCE_MAX_BYTES} bytes (413). Sending the same bytes again is harmless (200).`,
  request: {
    params: evidenceParams,
    body: {
      content: EVIDENCE_CONTENT,
      required: true,
    },
  },
  responses: {
    200: { description: 'Stored', content: { 'application/json': { schema: EvidenceSchema } } },
    ...problems(404, 409),
  },
});

/** The body's bytes, or null past `limit` (read no further: the limit bounds the Worker's memory). */
async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const mediaTypeOf = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export function registerUploadEvidence(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId, evidenceId } = c.req.valid('param');
    const { db, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const found = await findEvidence(db, c.var.auth, visitId, evidenceId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such evidence.');
    const announced = found.evidence;
    if (announced.status === 'erased')
      throw new ApiError('EVIDENCE.ERASED', 'This evidence was erased when the case’s retention ended.');
    const mediaType = mediaTypeOf(c.req.header('Content-Type'));
    const typeProblems = judgeEvidence({ kind: announced.kind, mediaType, sizeBytes: 1 });
    if (mediaType !== announced.mediaType || typeProblems.length > 0)
      throw new ApiError('REQUEST.INVALID', `The evidence was announced as ${announced.mediaType}.`, {
        errors: [
          {
            path: '/Content-Type',
            in: 'header',
            message: typeProblems[0]?.message ?? `Expected ${announced.mediaType}`,
            ...(typeProblems[0] ? { code: typeProblems[0].code } : {}),
          },
        ],
      });
    const bytes = await readAtMost(c.req.raw.body, Math.min(announced.sizeBytes, EVIDENCE_MAX_BYTES));
    if (bytes === null)
      throw new ApiError('REQUEST.TOO_LARGE', `The evidence was announced as ${announced.sizeBytes} bytes.`);
    const sha256 = await sha256Hex(bytes);
    if (bytes.byteLength !== announced.sizeBytes || sha256 !== announced.sha256)
      throw new ApiError(
        'EVIDENCE.HASH_MISMATCH',
        'The bytes are not the ones announced; nothing was stored.',
        {
          errors: [
            {
              path: '/sha256',
              in: 'body',
              message: `Announced ${announced.sizeBytes} bytes with SHA-256 ${announced.sha256}; received ${bytes.byteLength} bytes with ${sha256}`,
            },
          ],
        },
      );
    if (announced.status === 'stored') return c.json(evidenceBody(announced), 200);

    // R2 checks the hash again as it stores: bytes damaged between here and the bucket are refused there.
    await c.env.EVIDENCE.put(announced.objectKey, bytes, {
      sha256: announced.sha256,
      httpMetadata: { contentType: announced.mediaType },
      customMetadata: { tenantId, caseId: announced.caseId, visitId },
    });
    const now = ports.now();
    await audited(
      c,
      {
        action: 'evidence.stored',
        subjectType: 'visit',
        subjectId: visitId,
        data: { evidenceId, sizeBytes: bytes.byteLength, sha256 },
      },
      [
        db
          .update(evidence)
          .set({ status: 'stored', storedAt: now })
          .where(
            and(eq(evidence.tenantId, tenantId), eq(evidence.id, evidenceId), eq(evidence.status, 'pending')),
          ),
      ],
    );
    return c.json(evidenceBody({ ...announced, status: 'stored', storedAt: now }), 200);
  });
}
