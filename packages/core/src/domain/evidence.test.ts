import { describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES, judgeEvidence } from './evidence';

const codes = (input: Parameters<typeof judgeEvidence>[0]) =>
  judgeEvidence(input).map((problem) => [problem.code, problem.field]);

describe('judgeEvidence', () => {
  it.each([
    ['a JPEG photo', { kind: 'photo', mediaType: 'image/jpeg', sizeBytes: 2_000_000 }, []],
    [
      'a PDF receipt at the limit',
      { kind: 'receipt', mediaType: 'application/pdf', sizeBytes: EVIDENCE_MAX_BYTES },
      [],
    ],
    [
      'a PDF "photo"',
      { kind: 'photo', mediaType: 'application/pdf', sizeBytes: 10 },
      [['evidence.media-type', 'mediaType']],
    ],
    [
      'an HTML page',
      { kind: 'receipt', mediaType: 'text/html', sizeBytes: 10 },
      [['evidence.media-type', 'mediaType']],
    ],
    [
      'an SVG',
      { kind: 'photo', mediaType: 'image/svg+xml', sizeBytes: 10 },
      [['evidence.media-type', 'mediaType']],
    ],
    [
      'one byte over',
      { kind: 'photo', mediaType: 'image/png', sizeBytes: EVIDENCE_MAX_BYTES + 1 },
      [['evidence.too-large', 'sizeBytes']],
    ],
    ['empty', { kind: 'photo', mediaType: 'image/png', sizeBytes: 0 }, [['evidence.empty', 'sizeBytes']]],
  ] as const)('%s', (_name, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('names what a kind may be', () => {
    expect(judgeEvidence({ kind: 'photo', mediaType: 'text/html', sizeBytes: 1 })[0]?.message).toBe(
      'A photo may be image/jpeg, image/png, image/webp, image/heic, not text/html',
    );
  });
});
