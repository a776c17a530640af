/**
 * Secrets at rest (intake signing secrets): AES-256-GCM through WebCrypto, with a key from the Worker
 * secret `INTAKE_SECRET_KEYS`. Each sealed value names its key id, so keys rotate: the first key of
 * the ring seals, every key of the ring opens, and the cron re-seals what an older key sealed.
 *
 * `INTAKE_SECRET_KEYS` is `<keyId>:<base64 of 32 random bytes>`, several comma-separated, newest first:
 * `wrangler secret put INTAKE_SECRET_KEYS` with e.g. `k2026b:…,k2026a:…` during a rotation.
 */

export interface Keyring {
  /** The key that seals. */
  current: { id: string; key: CryptoKey };
  /** Every key that may open, by id. */
  keys: ReadonlyMap<string, CryptoKey>;
}

export interface Sealed {
  keyId: string;
  /** base64 of the 12-byte IV followed by the ciphertext and its tag. */
  ciphertext: string;
}

/**
 * Used where the Worker secret is not set and the mode is `local` or `test`, so `pnpm dev` and the
 * tests run without setup. It protects nothing and is refused in production.
 */
export const LOCAL_KEYS = 'local-dev:ZG9vcnN0ZXAtbG9jYWwtZGV2LWtleS0wMDAwMDAwMDA=';

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;
const IV_BYTES = 12;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Parses a key ring; a malformed one is a deployment mistake and fails loudly, naming no key material. */
export async function parseKeyring(text: string): Promise<Keyring> {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const keys = new Map<string, CryptoKey>();
  let current: Keyring['current'] | undefined;
  for (const entry of entries) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    if (separator < 1 || !KEY_ID.test(id))
      throw new Error('INTAKE_SECRET_KEYS: every entry is <keyId>:<base64 key>');
    let raw: Uint8Array;
    try {
      raw = fromBase64(entry.slice(separator + 1));
    } catch {
      throw new Error(`INTAKE_SECRET_KEYS: key ${id} is not base64`);
    }
    if (raw.byteLength !== 32) throw new Error(`INTAKE_SECRET_KEYS: key ${id} is not 32 bytes`);
    if (keys.has(id)) throw new Error(`INTAKE_SECRET_KEYS: key id ${id} appears twice`);
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(id, key);
    current ??= { id, key };
  }
  if (!current) throw new Error('INTAKE_SECRET_KEYS: no key');
  return { current, keys };
}

const rings = new Map<string, Promise<Keyring>>();

/** The Worker's key ring (parsed once per isolate): the secret, or the local key outside production. */
export function keyringOf(env: { INTAKE_SECRET_KEYS?: string; DOORSTEP_MODE: string }): Promise<Keyring> {
  const configured = env.INTAKE_SECRET_KEYS?.trim();
  if (!configured && env.DOORSTEP_MODE !== 'local' && env.DOORSTEP_MODE !== 'test')
    return Promise.reject(new Error('INTAKE_SECRET_KEYS is not set'));
  const text = configured || LOCAL_KEYS;
  let ring = rings.get(text);
  if (!ring) {
    ring = parseKeyring(text);
    rings.set(text, ring);
  }
  return ring;
}

/**
 * Seals `plaintext` with the ring's current key. `context` (the tenant and the row) is bound as
 * additional data: a sealed value copied to another row or tenant does not open there.
 */
export async function seal(ring: Keyring, plaintext: string, context: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const encrypted = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    ring.current.key,
    new TextEncoder().encode(plaintext),
  );
  const out = new Uint8Array(IV_BYTES + encrypted.byteLength);
  out.set(iv);
  out.set(new Uint8Array(encrypted), IV_BYTES);
  return { keyId: ring.current.id, ciphertext: toBase64(out) };
}

/** Opens a sealed value; an unknown key id or a value that does not authenticate throws. */
export async function open(ring: Keyring, sealed: Sealed, context: string): Promise<string> {
  const key = ring.keys.get(sealed.keyId);
  if (!key) throw new Error(`sealed with key ${sealed.keyId}, which the ring does not hold`);
  const bytes = fromBase64(sealed.ciphertext);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), additionalData: new TextEncoder().encode(context) },
    key,
    bytes.slice(IV_BYTES),
  );
  return new TextDecoder().decode(plain);
}

/** What a sealed intake secret is bound to: its tenant and its row. */
export const intakeSecretContext = (tenantId: string, secretId: string) =>
  `intake_secrets/${tenantId}/${secretId}`;
