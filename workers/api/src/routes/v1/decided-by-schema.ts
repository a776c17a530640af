import { z } from '@hono/zod-openapi';
import type { DecidedBy } from '../../repositories/deciding-policy';

export const DecidedBySchema = z
  .object({
    policyVersion: z
      .number()
      .int()
      .openapi({ description: 'The stored policy-set version that decided (0: the built-in defaults).' }),
    set: z
      .string()
      .openapi({ description: 'That set’s own `version` label.', example: '2026-q1-challenger' }),
    experimentId: z.string().nullable(),
    arm: z
      .enum(['champion', 'challenger', 'holdout'])
      .nullable()
      .openapi({ description: 'The arm of the running challenger experiment the case is in, if any.' }),
  })
  .openapi('DecidedBy', { description: 'Which policy set, and which experiment arm, made this decision.' });

/** Rows written before decisions recorded their maker carry null. */
export const decidedByOf = (stored: unknown): DecidedBy | null => (stored ?? null) as DecidedBy | null;
