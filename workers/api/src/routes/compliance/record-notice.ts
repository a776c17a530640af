import type { z } from '@hono/zod-openapi';
import { visitNotices } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { findVisit } from '../../repositories/visits';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { NoticeInputSchema, NoticeSchema, noticeBody } from './notice-schema';

/** Visits not yet made: notice of one that took place, or never will, announces nothing. */
const ANNOUNCEABLE = new Set(['requested', 'planned']);

const recordVisitNoticeExample = {
  givenAt: '2026-11-25T02:00:00Z',
  channel: 'sms',
  likelyTime: { start: '2026-12-02T01:00:00Z', end: '2026-12-02T03:00:00Z' },
} satisfies z.input<typeof NoticeInputSchema>;

export const route = partnerRoute(['admin', 'supervisor', 'agent'], {
  operationId: 'recordVisitNotice',
  method: 'post',
  path: '/v1/visits/{visitId}/notices',
  tags: ['Compliance'],
  summary: 'Record that the customer was told the visit date and likely time',
  description:
    'Where the pack asks for notice (UK CONC 7: `notice`, at least `minNoticeHours` ahead), check-in reads the notice given last: the visit must start at least that long after `givenAt` and inside `likelyTime`. The likely time must cover the visit’s planned window; a visit moved to another time needs a new notice. Notice given in the future, or for a visit already made or cancelled, is refused. The notice and its audit row are written together.',
  request: {
    params: idParam('visitId', 'vis'),
    body: {
      content: { 'application/json': { schema: NoticeInputSchema, example: recordVisitNoticeExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: NoticeSchema } } },
    ...problems(404, 409),
  },
});

const invalid = (path: string, message: string) =>
  new ApiError('REQUEST.INVALID', message, { errors: [{ path, in: 'body', message }] });

export function registerRecordNotice(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { visitId } = c.req.valid('param');
    const { givenAt, channel, likelyTime } = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const found = await findVisit(db, c.var.auth, visitId);
    if (!found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
    const { visit } = found;
    if (!ANNOUNCEABLE.has(visit.status))
      throw new ApiError(
        'RESOURCE.CONFLICT',
        `The visit is ${visit.status}: there is nothing left to announce.`,
      );
    const now = ports.now();
    if (Date.parse(givenAt) > now) throw invalid('/givenAt', 'Notice not yet given cannot be recorded');
    const [likelyStart, likelyEnd] = [Date.parse(likelyTime.start), Date.parse(likelyTime.end)];
    const announcesWindow =
      visit.windowStart === null ||
      visit.windowEnd === null ||
      (likelyStart <= visit.windowStart && visit.windowEnd <= likelyEnd);
    if (!announcesWindow)
      throw invalid('/likelyTime', 'The likely time must cover the visit’s planned window');
    const row = {
      id: ports.newId('ntc'),
      tenantId,
      visitId,
      givenAt: Date.parse(givenAt),
      channel,
      likelyStart,
      likelyEnd,
      recordedByKeyId: keyId,
      createdAt: now,
    };
    await audited(
      c,
      {
        action: 'visit.notice-recorded',
        subjectType: 'visit',
        subjectId: visitId,
        data: { noticeId: row.id, channel, givenAt, likelyTime },
      },
      [db.insert(visitNotices).values(row)],
    );
    c.header('Location', `/v1/visits/${visitId}/notices`);
    return c.json(noticeBody(row), 201);
  });
}
