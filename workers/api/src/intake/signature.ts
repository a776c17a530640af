import { CLOCK_TOLERANCE_MS } from '@doorstep/intake';

/**
 * Standard Webhooks allows this much clock difference either way; older deliveries are replays. The
 * same tolerance bounds how far in our future an event may be dated.
 */
export const TIMESTAMP_TOLERANCE_SECONDS = CLOCK_TOLERANCE_MS / 1000;

const encoder = new TextEncoder();

/** Imported HMAC keys by secret: importing costs more than verifying, and a tenant has one or two secrets. */
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 1000;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    keys.set(secret, key);
  }
  return key;
}

function decodeSignature(base64: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export interface SignedHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/**
 * Verifies a Standard Webhooks delivery: `webhook-signature` is a space-separated list of
 * `v1,<base64>`; any one of them made with any active secret over `id.timestamp.body` passes.
 * `crypto.subtle.verify` compares in constant time, so a forger learns nothing from response timing.
 *
 * @example
 * const verdict = await verifyWebhook(activeSecrets, { id, timestamp, signature }, rawBody, Date.now());
 */
export async function verifyWebhook(
  secrets: readonly string[],
  headers: SignedHeaders,
  body: string,
  nowMs: number,
): Promise<SignatureVerdict> {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'missing' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS)
    return { ok: false, reason: 'stale' };
  const candidates = signature
    .split(' ')
    .map((part) => part.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .map(([, value]) => decodeSignature(value!))
    .filter((bytes): bytes is Uint8Array => bytes !== null && bytes.byteLength === 32);
  if (candidates.length === 0 || secrets.length === 0) return { ok: false, reason: 'mismatch' };
  const signed = encoder.encode(`${id}.${timestamp}.${body}`);
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    for (const candidate of candidates)
      if (await crypto.subtle.verify('HMAC', key, candidate, signed)) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}
