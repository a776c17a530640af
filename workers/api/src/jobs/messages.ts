import { z } from 'zod';

/**
 * Every message on the `doorstep-jobs` queue, versioned. Messages are validated on consume, never
 * trusted for their compile-time type: a producer of an older deploy may still have some in flight.
 * A message names the work ("look at timer X"), the state lives in D1, so redelivery is harmless.
 */
export const jobMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('timer.due'),
    v: z.literal(1),
    tenantId: z.string(),
    timerId: z.string(),
  }),
  z.object({
    type: z.literal('intake.batch-chunk'),
    v: z.literal(1),
    tenantId: z.string(),
    batchId: z.string(),
    chunk: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('webhook.deliver'),
    v: z.literal(1),
    tenantId: z.string(),
    deliveryId: z.string(),
  }),
  z.object({
    type: z.literal('screening.run'),
    v: z.literal(1),
    tenantId: z.string(),
    runId: z.string(),
    afterCaseId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('experiment.assign'),
    v: z.literal(1),
    tenantId: z.string(),
    experimentId: z.string(),
    afterCaseId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('rollup.run'),
    v: z.literal(1),
    tenantId: z.string(),
    runId: z.string(),
    /** The run's cursor when this message was sent: a message that finds it moved acts no more. */
    cursor: z.string(),
  }),
  z.object({
    type: z.literal('retention.run'),
    v: z.literal(1),
    tenantId: z.string(),
    /** The UTC day of the run, `YYYY-MM-DD`. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    afterCaseId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('risk.score'),
    v: z.literal(1),
    tenantId: z.string(),
    runId: z.string(),
    afterAccountId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('plan.solve'),
    v: z.literal(1),
    tenantId: z.string(),
    planId: z.string(),
  }),
  z.object({
    type: z.literal('plan.prepare'),
    v: z.literal(1),
    tenantId: z.string(),
    planId: z.string(),
  }),
  z.object({
    type: z.literal('plan.replan'),
    v: z.literal(1),
    tenantId: z.string(),
    planId: z.string(),
    replanId: z.string(),
  }),
  z.object({
    type: z.literal('tenant.move'),
    v: z.literal(1),
    tenantId: z.string(),
    moveId: z.string(),
    /** The move's progress when this step was sent; a step finds a stale token and does nothing. */
    token: z.number().int().nonnegative(),
  }),
]);

export type JobMessage = z.infer<typeof jobMessageSchema>;
export type JobType = JobMessage['type'];
export type JobOf<T extends JobType> = Extract<JobMessage, { type: T }>;

/**
 * Jobs about the tenant directory rather than a tenant's rows: the consumer runs them on the directory
 * database even while their tenant moves (moving it is what they do).
 */
export const DIRECTORY_JOBS: ReadonlySet<JobType> = new Set(['tenant.move']);
