import { z } from '@hono/zod-openapi';
import type { VisitNoticeRow } from '../../repositories/visit-notices';
import { IsoInstantSchema, isoOf } from '../v1/schemas';
import { VisitWindowSchema } from '../v1/visit-window';

const LikelyTimeSchema = VisitWindowSchema.openapi({
  description: 'The date and likely time the customer was told, as UTC instants.',
});

export const NoticeInputSchema = z
  .object({
    givenAt: IsoInstantSchema.openapi({
      description: 'When the customer was told (sent or said); not in the future.',
    }),
    channel: z.enum(['letter', 'email', 'sms', 'phone', 'in_person']),
    likelyTime: LikelyTimeSchema,
  })
  .openapi('VisitNoticeInput');

export const NoticeSchema = z
  .object({
    id: z.string().openapi({ example: 'ntc_3kq9w0…' }),
    visitId: z.string(),
    givenAt: z.string(),
    channel: z.string(),
    likelyTime: z.object({ start: z.string(), end: z.string() }),
    recordedByKeyId: z.string(),
    createdAt: z.string(),
  })
  .openapi('VisitNotice');

export function noticeBody(row: VisitNoticeRow) {
  return {
    id: row.id,
    visitId: row.visitId,
    givenAt: isoOf(row.givenAt),
    channel: row.channel,
    likelyTime: { start: isoOf(row.likelyStart), end: isoOf(row.likelyEnd) },
    recordedByKeyId: row.recordedByKeyId,
    createdAt: isoOf(row.createdAt),
  };
}
