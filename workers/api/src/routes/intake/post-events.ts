import { type ParsedEvents, parseEventBody, refsOf } from '@doorstep/intake';
import type { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { ApiError } from '../../http/error-codes';
import { applyEventsDelivery } from '../../intake/events-delivery';
import { heldAnswer, holdDelivery, holdsIntake } from '../../intake/hold';
import { asFieldErrors, jsonBody, replay, signedDelivery } from '../../intake/request';
import { defineOperation, SECURITY } from '../operation';
import {
  EventsAnswerSchema,
  EventsBodySchema,
  HeldAnswerSchema,
  intakeProblems,
  SignedHeadersSchema,
} from './schemas';

export const EVENTS_PATH = '/v1/intake/events';

/** A new overdue customer as core banking reports her: who she is, then her loan's delinquency. */
const deliverIntakeEventsExample = [
  {
    type: 'customer.upserted',
    version: 1,
    occurredAt: '2026-11-20T01:00:00Z',
    data: {
      customerRef: 'C-000123',
      name: 'Chen Jing',
      phone: '+86 138 0000 0001',
      address: { line: 'Futian, Building 8, Unit 3', lat: 22.541, lon: 114.055 },
      regionCode: 'futian',
      language: 'zh',
    },
  },
  {
    type: 'account.delinquency_updated',
    version: 1,
    occurredAt: '2026-11-20T01:00:00Z',
    data: {
      accountRef: 'A-000456',
      customerRef: 'C-000123',
      kind: 'loan',
      product: 'Consumer loan',
      currency: 'CNY',
      limitOrPrincipalMinor: 20_000_000,
      outstandingBalanceMinor: 12_000_000,
      sequence: 1,
      asOf: '2026-11-20T00:00:00Z',
      dpd: 75,
      overduePrincipalMinor: 1_500_000,
      overdueInterestMinor: 90_000,
      overdueFeesMinor: 10_000,
    },
  },
] satisfies z.input<typeof EventsBodySchema>;

export const route = defineOperation({
  operationId: 'deliverIntakeEvents',
  method: 'post',
  path: EVENTS_PATH,
  tags: ['Intake'],
  security: SECURITY.webhookSignature,
  summary: 'Deliver core-banking events',
  description:
    'One event or an array of up to 500, signed per Standard Webhooks. The whole request is validated before anything is written, and the events and all their effects commit together. A redelivery of a `webhook-id` gets the original answer. While the tenant moves to another database a valid delivery is held (202) and applied, in arrival order, when the move ends.',
  request: {
    headers: SignedHeadersSchema,
    body: {
      content: { 'application/json': { schema: EventsBodySchema, example: deliverIntakeEventsExample } },
    },
  },
  responses: {
    200: {
      description: 'Applied; one outcome per event',
      content: { 'application/json': { schema: EventsAnswerSchema } },
    },
    202: {
      description: 'Held while the tenant moves to another database; applied in arrival order after the move',
      content: { 'application/json': { schema: HeldAnswerSchema } },
    },
    ...intakeProblems,
  },
});

/**
 * Documented through the OpenAPI registry but handled by hand: the signature covers the raw bytes,
 * so it must be checked before anything parses the body (a forger must not learn how we validate).
 */
export function registerPostEvents(app: ReturnType<typeof createRouter>) {
  app.openAPIRegistry.registerPath(route);
  app.post(EVENTS_PATH, async (c) => {
    let parsed: ParsedEvents | undefined;
    const delivery = await signedDelivery(c, (body) => {
      // Parsed before the signature is checked only to prefetch; nothing is answered from it until then.
      try {
        parsed = parseEventBody(JSON.parse(body), c.var.services.ports.now);
      } catch {
        return null;
      }
      return parsed.ok ? refsOf(parsed.events) : null;
    });
    if (delivery.earlier) return replay(c, delivery, delivery.earlier);

    parsed ??= parseEventBody(jsonBody(delivery.body), c.var.services.ports.now);
    if (!parsed.ok)
      throw new ApiError(
        parsed.unknownType ? 'INTAKE.UNKNOWN_EVENT_TYPE' : 'REQUEST.INVALID',
        'The events do not match their schemas; see `errors`. Nothing was applied.',
        { errors: asFieldErrors(parsed.errors) },
      );

    const { events } = parsed;
    const { d1, directory, placement, ports } = c.var.services;
    if (holdsIntake(placement)) {
      const held = await holdDelivery(directory, delivery, delivery.body, ports.now());
      if (held === 'id-reused')
        throw new ApiError(
          'INTAKE.ID_REUSED',
          `webhook-id ${delivery.webhookId} was already used for a different body; give every new delivery a new id.`,
        );
      if (held !== 'not-holding')
        return c.newResponse(heldAnswer(delivery.webhookId, events.length), 202, {
          'content-type': 'application/json',
        });
      // The move ended between reading the directory and holding: apply it as usual.
    }
    const result = await applyEventsDelivery(d1, ports, c.env.JOBS, delivery, events, delivery.state);
    if (result.kind === 'applied')
      return c.newResponse(result.answer, 200, { 'content-type': 'application/json' });
    if (result.kind === 'already-done' && result.earlier) return replay(c, delivery, result.earlier);
    c.header('Retry-After', '1');
    throw new ApiError(
      'INTAKE.BUSY',
      'Other deliveries are changing the same rows; nothing was applied, redeliver.',
    );
  });
}
