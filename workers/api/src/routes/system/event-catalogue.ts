import { type EventStance, isRecordStance } from '@doorstep/core';
import {
  DELIVERY_RETRY_GAPS_MS,
  EVENT_CATALOGUE,
  EVENT_CONTEXT_FIELDS,
  EVENT_STANCES,
  type EventDefinition,
  MAX_DELIVERY_ATTEMPTS,
  OUTBOUND_EVENT_TYPES,
} from '@doorstep/follow-up-engine';
import { z } from '@hono/zod-openapi';
import type { createRouter } from '../../http/app';
import { PING_EVENT_TYPE } from '../../webhooks/ping';
import { SECURITY } from '../operation';

/** `visit.checked_in` → `VisitCheckedInEvent`: the component name of the type's envelope. */
const componentOf = (type: string) =>
  `${type
    .split(/[._]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}Event`;

/** `visit.checked_in` → `onVisitCheckedIn`: the webhook's operationId. */
const operationOf = (type: string) => `on${componentOf(type).replace(/Event$/, '')}`;

const SIGNATURE_HEADERS = z.object({
  'webhook-id': z
    .string()
    .openapi({ description: 'The event id (`data.eventId`), the same on every retry.' }),
  'webhook-timestamp': z.string().openapi({ description: 'Unix seconds of this attempt.' }),
  'webhook-signature': z.string().openapi({
    description:
      '`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the subscription’s `whsec_…` secret. Verify with a Standard Webhooks library before trusting the body.',
  }),
});

const duration = (ms: number) =>
  ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;

const ANSWERS = {
  '2XX': { description: 'Received. Any 2xx acknowledges the event; deduplicate on `webhook-id`.' },
  default: {
    description: `Anything else, or no answer within 10 s, is tried again after ${DELIVERY_RETRY_GAPS_MS.map(duration).join(', ')} (${MAX_DELIVERY_ATTEMPTS} attempts in all), then marked failed; \`POST /v1/webhook-deliveries/{deliveryId}/redeliver\` sends it again.`,
  },
};

/** What compliance makes of the type, for the subscriber: a record is always sent, a contact is judged. */
const stanceLine = (stance: EventStance) =>
  isRecordStance(stance)
    ? `A record for core banking and CRMs (${stance.why}): it is sent whatever the customer’s flags`
    : `For partner apps to act on: judged by compliance as a ${stance.purpose} ${stance.channel === 'none' ? 'action' : stance.channel} when it is sent, and suppressed when the customer may not be contacted (${stance.why})`;

function envelopeOf(
  type: string,
  definition: Pick<EventDefinition, 'version' | 'data'>,
  context: z.ZodObject,
) {
  return z
    .object({
      type: z.literal(type),
      version: z.literal(definition.version),
      timestamp: z.iso.datetime().openapi({ description: 'When the event was recorded (UTC).' }),
      data: definition.data.extend(context.shape),
    })
    .openapi(componentOf(type));
}

/**
 * Every outbound event in the OpenAPI document's `webhooks` section: the envelope a subscriber
 * receives for each type, its versioned `data` schema (from the catalogue), the Standard Webhooks
 * headers to verify, and the answers that acknowledge or retry it. Plus the test ping.
 */
export function registerEventCatalogue(app: ReturnType<typeof createRouter>) {
  for (const type of OUTBOUND_EVENT_TYPES) {
    const definition = EVENT_CATALOGUE[type];
    app.openAPIRegistry.registerWebhook({
      method: 'post',
      path: type,
      operationId: operationOf(type),
      tags: ['Webhooks'],
      // What the receiver checks: the Standard Webhooks signature, with the subscription's secret.
      security: SECURITY.webhookSignature,
      summary: definition.summary,
      description: `Version ${definition.version}. ${stanceLine(EVENT_STANCES[type])}. Subscribe with \`eventTypes: ["${type}"]\` (or \`*\`). Every event about a case carries its \`caseId\` and core banking’s \`customerRef\` and \`accountRef\`.`,
      request: {
        headers: SIGNATURE_HEADERS,
        body: {
          required: true,
          content: { 'application/json': { schema: envelopeOf(type, definition, EVENT_CONTEXT_FIELDS) } },
        },
      },
      responses: ANSWERS,
    });
  }
  app.openAPIRegistry.registerWebhook({
    method: 'post',
    path: PING_EVENT_TYPE,
    operationId: operationOf(PING_EVENT_TYPE),
    tags: ['Webhooks'],
    security: SECURITY.webhookSignature,
    summary: 'A test ping, sent only by `POST /v1/webhook-subscriptions/{subscriptionId}/test`.',
    description: 'Signed like every event; never stored, retried or subscribed to.',
    request: {
      headers: SIGNATURE_HEADERS,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: envelopeOf(
              PING_EVENT_TYPE,
              {
                version: 1,
                data: z.object({ subscriptionId: z.string(), message: z.string() }),
              },
              z.object({ eventId: z.string() }),
            ),
          },
        },
      },
    },
    responses: ANSWERS,
  });
}
