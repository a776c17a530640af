import { z } from 'zod';
import type { Reason } from '../reasons/reason';
import { renderTemplate } from '../reasons/reason';

/** What a visit's evidence shows: the home or the meeting, a signed plan acknowledgement, a receipt. */
export const EvidenceKindSchema = z.enum(['photo', 'signed_plan', 'receipt']);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

/**
 * The media types each kind may have: pictures a phone takes, and PDFs for documents. Nothing a
 * browser would run (HTML, SVG, scripts), whatever name the app gives it.
 */
export const EVIDENCE_MEDIA_TYPES: Readonly<Record<EvidenceKind, readonly string[]>> = {
  photo: ['image/jpeg', 'image/png', 'image/webp', 'image/heic'],
  signed_plan: ['application/pdf', 'image/jpeg', 'image/png'],
  receipt: ['application/pdf', 'image/jpeg', 'image/png'],
};

/** 10 MiB: a phone photo or a scanned page, well inside what a Worker holds in memory to hash. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** SHA-256 as 64 lowercase hex digits. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Expected 64 lowercase hex digits');

export const EVIDENCE_REASONS = {
  'evidence.media-type': 'A {kind} may be {allowed}, not {mediaType}',
  'evidence.too-large': 'Evidence is at most {maxBytes} bytes; this is {sizeBytes}',
  'evidence.empty': 'Evidence has at least one byte',
} as const;

export type EvidenceProblem = Reason<keyof typeof EVIDENCE_REASONS> & { field: 'mediaType' | 'sizeBytes' };

const problem = (
  code: keyof typeof EVIDENCE_REASONS,
  field: EvidenceProblem['field'],
  data: Reason['data'],
): EvidenceProblem => ({ code, field, data, message: renderTemplate(EVIDENCE_REASONS[code], data) });

/**
 * Whether evidence of this kind, type and size may be stored; an empty list means it may. Asked when
 * the upload is announced and again when the bytes arrive (their type and length, not the claim).
 *
 * @example
 * judgeEvidence({ kind: 'photo', mediaType: 'text/html', sizeBytes: 10 });
 * // [{ code: 'evidence.media-type', field: 'mediaType', message: 'A photo may be image/jpeg, …, not text/html' }]
 */
export function judgeEvidence(evidence: {
  kind: EvidenceKind;
  mediaType: string;
  sizeBytes: number;
}): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const allowed = EVIDENCE_MEDIA_TYPES[evidence.kind];
  if (!allowed.includes(evidence.mediaType))
    problems.push(
      problem('evidence.media-type', 'mediaType', {
        kind: evidence.kind,
        allowed: allowed.join(', '),
        mediaType: evidence.mediaType,
      }),
    );
  if (evidence.sizeBytes > EVIDENCE_MAX_BYTES)
    problems.push(
      problem('evidence.too-large', 'sizeBytes', {
        maxBytes: EVIDENCE_MAX_BYTES,
        sizeBytes: evidence.sizeBytes,
      }),
    );
  else if (evidence.sizeBytes < 1) problems.push(problem('evidence.empty', 'sizeBytes', {}));
  return problems;
}
