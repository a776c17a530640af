import type { Clock } from '@doorstep/core';

/**
 * The impure edges the core needs, built once per request, queue batch or cron tick from the Workers
 * runtime. The core receives these as plain functions and never reads a clock or a random source itself.
 */
export interface RuntimePorts {
  /** The current instant, epoch milliseconds (UTC). */
  now: () => number;
  /** A new prefixed random id, e.g. `newId('vis')` → `vis_3kq…`. */
  newId: (prefix: string) => string;
}

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** 20 Crockford-base32 characters = 100 bits of randomness: unguessable, URL-safe and sortable-looking. */
export function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  let id = '';
  for (const byte of bytes) id += alphabet[byte & 31];
  return `${prefix}_${id}`;
}

/**
 * The worker's one clock. Request schemas built once per isolate read it when they validate (a date
 * bounded around now), and every `RuntimePorts.now` is this same clock.
 */
export const systemClock: Clock = () => Date.now();

export function runtimePorts(): RuntimePorts {
  return { now: systemClock, newId: randomId };
}
