import type { z } from '@hono/zod-openapi';
import { contactAttempts } from '../../db/schema';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { audited } from '../../repositories/audit';
import { findCase } from '../../repositories/cases';
import { partnerRoute } from '../v1/partner-route';
import { idParam, problems } from '../v1/schemas';
import { ContactInputSchema, ContactSchema, contactBody } from './contact-schema';

const recordContactAttemptExample = {
  at: '2026-11-20T02:30:00Z',
  channel: 'call',
  reached: false,
} satisfies z.input<typeof ContactInputSchema>;

export const route = partnerRoute(['admin', 'supervisor', 'agency', 'agent'], {
  operationId: 'recordContactAttempt',
  method: 'post',
  path: '/v1/cases/{caseId}/contacts',
  tags: ['Compliance'],
  summary: 'Record a remote contact attempt (call, text, email, letter)',
  description:
    'For dialers and partner apps that contact customers outside Doorstep. Compliance counts these attempts with visits for the customer, across all their cases: the US pack presumes more than `frequency.maxContacts` contacts in `frequency.periodDays` harassing, and a reached customer (`reached: true`) opens its no-contact period after a conversation. An attempt in the future is refused. The attempt and its audit row are written together; send an `Idempotency-Key` so a retried report is recorded once.',
  request: {
    params: idParam('caseId', 'case'),
    body: {
      content: { 'application/json': { schema: ContactInputSchema, example: recordContactAttemptExample } },
      required: true,
    },
  },
  responses: {
    201: { description: 'Recorded', content: { 'application/json': { schema: ContactSchema } } },
    ...problems(404),
  },
});

export function registerRecordContact(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid('param');
    const { at, channel, reached } = c.req.valid('json');
    const { db, ports } = c.var.services;
    const { tenantId, keyId } = c.var.auth;
    const kase = await findCase(db, c.var.auth, caseId);
    if (!kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
    const now = ports.now();
    const row = {
      id: ports.newId('cta'),
      tenantId,
      caseId,
      customerId: kase.customerId,
      channel,
      reached,
      at: Date.parse(at),
      recordedByKeyId: keyId,
      createdAt: now,
    };
    await audited(
      c,
      {
        action: 'contact.recorded',
        subjectType: 'case',
        subjectId: caseId,
        data: { contactId: row.id, channel, at, reached },
      },
      [db.insert(contactAttempts).values(row)],
    );
    c.header('Location', `/v1/cases/${caseId}/contacts`);
    return c.json(contactBody(row), 201);
  });
}
