import { startOfLocalDay } from '@doorstep/core';
import { type EducationArm, educationEffect, RE_DEFAULT_WINDOWS } from '@doorstep/evaluation';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { educationEffectQuery } from '../../reports/education-effect-sql';
import { reportTenant } from '../../reports/tenant-settings';
import { reportWindow } from '../../reports/window';
import { partnerRoute } from '../v1/partner-route';
import { LocalDateSchema, problems } from '../v1/schemas';

const IntervalSchema = z.object({ estimate: z.number(), lower: z.number(), upper: z.number() }).passthrough();
const ArmSchema = z.object({
  observedCures: z.number().int(),
  reDefaulted: z.number().int(),
  reDefaultRate: IntervalSchema.nullable(),
});

const EducationEffectSchema = z
  .object({
    experimentId: z.string(),
    windowDays: z.number().int(),
    confidence: z.number(),
    arms: z.object({ offered: ArmSchema, withheld: ArmSchema }),
    difference: IntervalSchema.nullable().openapi({
      description: 'Re-default rate offered − withheld, Newcombe hybrid score; negative: the lesson helped.',
    }),
    warnings: z.array(
      z.object({ code: z.string(), message: z.string(), data: z.record(z.string(), z.unknown()) }),
    ),
  })
  .openapi('EducationEffect');

export const route = partnerRoute(['admin', 'supervisor', 'analyst'], {
  method: 'get',
  path: '/v1/reports/education-effect',
  operationId: 'getEducationEffect',
  tags: ['Reports'],
  summary: 'The effect of the after-cure lesson on re-default, from a randomised experiment',
  description:
    'For an education experiment of the relationship policy (`lessonOffer.experiment`): cures drawn into the offered and withheld arms, cured on a local date of the window and followed for 90 (`3m`) or 180 (`6m`) days by now, and the difference of their re-default rates with a 95% interval. Intention to treat: a cure counts in its arm whether or not the customer accepted or read the lesson.',
  request: {
    query: z.object({
      experimentId: z.string().min(1).max(64),
      from: LocalDateSchema,
      to: LocalDateSchema,
      window: z.enum(['3m', '6m']).default('3m'),
    }),
  },
  responses: {
    200: { description: 'The effect', content: { 'application/json': { schema: EducationEffectSchema } } },
    ...problems(),
  },
});

export function registerEducationEffect(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    const { experimentId, from, to, window } = c.req.valid('query');
    const { auth, services } = c.var;
    const tenant = await reportTenant(services, auth.tenantId);
    const span = reportWindow(from, to, 'month', tenant.timeZone);
    const windowDays = RE_DEFAULT_WINDOWS[window];
    const query = educationEffectQuery(auth.tenantId, experimentId, {
      fromMs: Date.parse(startOfLocalDay(from, tenant.timeZone)),
      toMs: span.toEndMs,
      windowMs: windowDays * 86_400_000,
      asOfMs: services.ports.now(),
    });
    const { results } = await services.d1
      .prepare(query.sql)
      .bind(...query.binds)
      .all<{ arm: EducationArm; observed_cures: number; re_defaulted: number }>();
    const arm = (name: EducationArm) => {
      const row = results.find((r) => r.arm === name);
      return { observedCures: row?.observed_cures ?? 0, reDefaulted: row?.re_defaulted ?? 0 };
    };
    const report = educationEffect({
      experimentId,
      windowDays,
      arms: { offered: arm('offered'), withheld: arm('withheld') },
    });
    return c.json(report, 200);
  });
}
