import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { jobMessageSchema } from '../../jobs/messages';
import { revivalFor } from '../../jobs/replay';
import { audited } from '../../repositories/audit';
import { findDeadLetter, markReplayed, stillOpen } from '../../repositories/dead-letters';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { DeadLetterSchema, deadLetterBody } from './dead-letter-schema';

export const route = partnerRoute(['admin', 'supervisor'], {
  operationId: 'replayDeadLetter',
  method: 'post',
  path: '/v1/dead-letters/{deadLetterId}/replay',
  tags: ['Operations'],
  summary: 'Replay a dead letter',
  description:
    'Sends the message to the job queue once more, after the cause was fixed. A follow-up timer or webhook delivery that was given up is reopened for one more attempt. A letter is replayed once (409 after that); if the job fails again, it comes back as a new dead letter.',
  request: { params: idParam('deadLetterId', 'dlq') },
  responses: {
    202: { description: 'Queued again', content: { 'application/json': { schema: DeadLetterSchema } } },
    ...problems(404, 409),
  },
});

export function registerReplayDeadLetter(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { deadLetterId } = c.req.valid('param');
    const { db, d1, ports } = c.var.services;
    const { tenantId } = c.var.auth;
    const letter = await findDeadLetter(db, tenantId, deadLetterId);
    if (!letter) throw new ApiError('RESOURCE.NOT_FOUND', 'No such dead letter.');
    if (letter.resolvedAt !== null)
      throw new ApiError('RESOURCE.CONFLICT', 'This dead letter was replayed already.');
    const job = jobMessageSchema.safeParse(JSON.parse(letter.body));
    if (!job.success)
      throw new ApiError('RESOURCE.CONFLICT', 'The message is not a job this version of the API runs.');

    // Sent before it is marked: a job message only names work whose state lives in D1, so a second copy
    // (two operators racing) is harmless, while a send lost after the mark could not be replayed again.
    await c.env.JOBS.send(job.data);
    const now = ports.now();
    const { committed } = await audited(
      c,
      {
        action: 'dead-letter.replayed',
        subjectType: 'dead_letter',
        subjectId: deadLetterId,
        data: { type: job.data.type, queue: letter.queue, messageId: letter.messageId },
      },
      [markReplayed(db, deadLetterId, now), ...revivalFor(d1, job.data, now)],
      { holds: stillOpen(tenantId, deadLetterId) },
    );
    if (!committed) throw new ApiError('RESOURCE.CONFLICT', 'This dead letter was replayed already.');
    return c.json(deadLetterBody({ ...letter, resolvedAt: now }), 202);
  });
}
