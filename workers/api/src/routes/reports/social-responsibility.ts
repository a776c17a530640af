import { localDateAt, offsetAt, toInstant } from '@doorstep/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { createRouter } from '../../http/app';
import type { AppEnv } from '../../http/app-env';
import { ApiError } from '../../http/error-codes';
import { socialReport } from '../../reports/social-report';
import { reportTenant } from '../../reports/tenant-settings';
import { reportWindow } from '../../reports/window';
import { audited } from '../../repositories/audit';
import { findCase } from '../../repositories/cases';
import { findVisit } from '../../repositories/visits';
import { partnerRoute } from '../v1/partner-route';
import { LocalDateSchema, problems, ReportedInstantSchema } from '../v1/schemas';

const summaryRoute = partnerRoute(['admin', 'supervisor', 'analyst'], {
  operationId: 'getSocialResponsibilityReport',
  method: 'get',
  path: '/v1/reports/social-responsibility',
  tags: ['Reports'],
  summary: 'Responsible-collection record per period',
  description:
    'Hardship plans agreed, fees waived, financial-education modules completed, complaints per 1,000 visits and the satisfaction trend, per period and in total.',
  request: {
    query: z.object({
      from: LocalDateSchema,
      to: LocalDateSchema,
      period: z.enum(['day', 'week', 'month']).default('month'),
    }),
  },
  responses: {
    200: {
      description: 'The summary',
      content: {
        'application/json': {
          schema: z
            .object({
              periods: z.array(z.record(z.string(), z.unknown())),
              totals: z.record(z.string(), z.unknown()),
              freshness: z
                .object({ source: z.literal('live'), asOf: z.string() })
                .openapi({ description: 'Visits and scores come from rollups kept by every write.' }),
            })
            .openapi('SocialResponsibilitySummary'),
        },
      },
    },
    ...problems(),
  },
});

const ComplaintSchema = z
  .object({
    caseId: z
      .string()
      .regex(/^case_/, 'Must start with "case_"')
      .nullable()
      .default(null),
    visitId: z.string().regex(/^vis_/, 'Must start with "vis_"').nullable().default(null),
    channel: z.enum(['visit', 'phone', 'branch', 'letter', 'regulator', 'online']),
    category: z.enum(['conduct', 'visiting-hours', 'privacy', 'third-party-disclosure', 'amount', 'other']),
    receivedAt: ReportedInstantSchema.openapi({
      description: 'When the bank received it; not in the future (5 minutes of clock skew allowed).',
    }),
  })
  .openapi('RecordComplaint');

const recordComplaintExample = {
  caseId: 'case_demo00042',
  channel: 'phone',
  category: 'visiting-hours',
  receivedAt: '2026-12-03T06:00:00Z',
} satisfies z.input<typeof ComplaintSchema>;

const complaintRoute = partnerRoute(['admin', 'supervisor', 'agent', 'agency'], {
  operationId: 'recordComplaint',
  method: 'post',
  path: '/v1/complaints',
  tags: ['Reports'],
  summary: 'Record a customer complaint',
  description:
    'Counted in the social-responsibility summary on the local date it was received. The case and the visit, when named, must be ones the key can see (404 otherwise, like every write); a visit alone names its case.',
  request: {
    body: {
      content: { 'application/json': { schema: ComplaintSchema, example: recordComplaintExample } },
      required: true,
    },
  },
  responses: {
    201: {
      description: 'Recorded',
      content: {
        'application/json': {
          schema: z.object({ id: z.string(), localDate: z.string() }).openapi('Complaint'),
        },
      },
    },
    ...problems(404),
  },
});

/**
 * The case (and visit) a complaint is about, looked up in the key's scope: an agent files complaints
 * about its own visits' cases, an agency about its cases, and nobody about another tenant's.
 */
async function complaintSubject(c: Context<AppEnv>, body: { caseId: string | null; visitId: string | null }) {
  const { db } = c.var.services;
  const [kase, found] = await Promise.all([
    body.caseId === null ? null : findCase(db, c.var.auth, body.caseId),
    body.visitId === null ? null : findVisit(db, c.var.auth, body.visitId),
  ]);
  if (body.caseId !== null && !kase) throw new ApiError('RESOURCE.NOT_FOUND', 'No such case.');
  if (body.visitId !== null && !found) throw new ApiError('RESOURCE.NOT_FOUND', 'No such visit.');
  const visitCase = found?.visit.caseId ?? null;
  if (body.caseId !== null && visitCase !== null && visitCase !== body.caseId)
    throw new ApiError('REQUEST.INVALID', 'The visit is not a visit of this case.', {
      errors: [{ path: '/visitId', in: 'body', message: 'Not a visit of the case named in caseId' }],
    });
  return { caseId: body.caseId ?? visitCase, visitId: body.visitId };
}

export function registerSocialResponsibility(app: ReturnType<typeof createRouter>) {
  app.openapi(summaryRoute, async (c) => {
    const { from, to, period } = c.req.valid('query');
    const { auth, services } = c.var;
    const tenant = await reportTenant(services, auth.tenantId);
    const window = reportWindow(from, to, period, tenant.timeZone);
    const offsetMs = offsetAt(window.fromEndMs, tenant.timeZone);
    const summary = await socialReport(services.d1, auth.tenantId, window, offsetMs);
    const freshness = { source: 'live' as const, asOf: toInstant(services.ports.now()) };
    return c.json({ ...summary, freshness }, 200);
  });

  app.openapi(complaintRoute, async (c) => {
    const body = c.req.valid('json');
    const { auth, services } = c.var;
    const [tenant, subject] = await Promise.all([
      reportTenant(services, auth.tenantId),
      complaintSubject(c, body),
    ]);
    const receivedAt = Date.parse(body.receivedAt);
    const localDate = localDateAt(toInstant(receivedAt), tenant.timeZone);
    const id = services.ports.newId('cmp');
    await audited(
      c,
      {
        action: 'complaint.recorded',
        subjectType: 'complaint',
        subjectId: id,
        data: { channel: body.channel },
      },
      [
        services.d1
          .prepare(
            `INSERT INTO complaints (id, tenant_id, case_id, visit_id, channel, category, local_date, received_at, recorded_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .bind(
            id,
            auth.tenantId,
            subject.caseId,
            subject.visitId,
            body.channel,
            body.category,
            localDate,
            receivedAt,
            auth.keyId,
          ),
      ],
    );
    return c.json({ id, localDate }, 201);
  });
}
