const encoder = new TextEncoder();

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** A new subscription secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${base64(crypto.getRandomValues(new Uint8Array(32)).buffer)}`;
}

/**
 * The Standard Webhooks headers for one attempt: `webhook-id` (the event id, the same on every retry so
 * receivers can deduplicate), `webhook-timestamp` (seconds) and `webhook-signature`
 * (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the decoded secret), via WebCrypto.
 */
export async function signWebhook(input: {
  secret: string;
  id: string;
  timestampSeconds: number;
  body: string;
}): Promise<Record<string, string>> {
  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64(input.secret.replace(/^whsec_/, '')),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signed = await crypto.subtle.sign(
    'HMAC',
    key,
    encoder.encode(`${input.id}.${input.timestampSeconds}.${input.body}`),
  );
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': `v1,${base64(signed)}`,
  };
}
