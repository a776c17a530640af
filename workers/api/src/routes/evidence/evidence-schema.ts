import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MEDIA_TYPES,
  EvidenceKindSchema,
  Sha256HexSchema,
} from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { EvidenceRow } from '../../repositories/evidence';
import { isoOf, isoOrNull } from '../v1/schemas';

export const EvidenceInputSchema = z
  .object({
    kind: EvidenceKindSchema,
    mediaType: z.string().min(3).max(100).openapi({
      description:
        'photo: image/jpeg, image/png, image/webp, image/heic; signed_plan and receipt: application/pdf, image/jpeg, image/png.',
      example: 'image/jpeg',
    }),
    sizeBytes: z
      .number()
      .int()
      .openapi({ description: `1 to ${EVIDENCE_MAX_BYTES} bytes.` }),
    sha256: Sha256HexSchema.openapi({
      description: 'SHA-256 of the bytes, lowercase hex; the upload must match it.',
    }),
  })
  .openapi('EvidenceInput');

export const EvidenceSchema = z
  .object({
    id: z.string().openapi({ example: 'evd_3kq9w0…' }),
    visitId: z.string(),
    caseId: z.string(),
    kind: EvidenceKindSchema,
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    status: z.enum(['pending', 'stored', 'erased']).openapi({
      description: '`pending` until the bytes are uploaded, `erased` once the case’s retention ended.',
    }),
    contentUrl: z.string().openapi({ description: 'PUT the bytes here; GET them back once stored.' }),
    createdAt: z.string(),
    storedAt: z.string().nullable(),
  })
  .openapi('Evidence');

export function evidenceBody(row: EvidenceRow): z.infer<typeof EvidenceSchema> {
  return {
    id: row.id,
    visitId: row.visitId,
    caseId: row.caseId,
    kind: row.kind,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    status: row.status,
    contentUrl: `/v1/visits/${row.visitId}/evidence/${row.id}/content`,
    createdAt: isoOf(row.createdAt),
    storedAt: isoOrNull(row.storedAt),
  };
}

export const evidenceParams = z.object({
  visitId: z
    .string()
    .min(6)
    .max(64)
    .openapi({ param: { name: 'visitId', in: 'path' }, example: 'vis_3kq9w0…' }),
  evidenceId: z
    .string()
    .min(6)
    .max(64)
    .openapi({ param: { name: 'evidenceId', in: 'path' }, example: 'evd_3kq9w0…' }),
});

const binary = { schema: z.string().openapi({ format: 'binary' }) };

/** The bodies of uploads and downloads: every media type some kind of evidence may have. */
export const EVIDENCE_CONTENT = Object.fromEntries(
  [...new Set(Object.values(EVIDENCE_MEDIA_TYPES).flat())].map((mediaType) => [mediaType, binary]),
);

/** Who may see a visit's evidence: those who see the customer's home anyway (never analysts or agencies). */
export const EVIDENCE_READERS = ['admin', 'supervisor', 'agent'] as const;
