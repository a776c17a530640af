import { boundedInstant, type Clock, DURATION, freeText } from '@doorstep/core';
import { sha256Hex } from '../crypto/sha256';
import { randomId } from '../ports/runtime';

/** Every API key starts with this, so secret scanners and support staff recognise one at a glance. */
export const API_KEY_PREFIX = 'dsk_';

/** How much of a key an admin sees in listings: enough to tell keys apart, far too little to use one. */
const VISIBLE_PREFIX_LENGTH = 12;

/** A fresh key: `dsk_` + 100 random bits twice (Crockford base32); it is shown once and only its hash is stored. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomId('k').slice(2)}${randomId('k').slice(2)}`;
}

/** SHA-256 hex of the whole key, the only form in which a key is stored or looked up. */
export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}

export function visiblePrefixOf(key: string): string {
  return key.slice(0, VISIBLE_PREFIX_LENGTH);
}

/** Rotation, not a far-off expiry, is how a long-lived integration renews its key. */
export const MAX_KEY_LIFETIME_DAYS = 5 * 366;

/** When a new key stops working: not already past, and at most {@link MAX_KEY_LIFETIME_DAYS} ahead. */
export const keyExpirySchema = (clock: Clock) =>
  boundedInstant(clock, { from: 0, to: MAX_KEY_LIFETIME_DAYS * DURATION.DAY });

/** What an admin calls a key, to tell keys apart in listings. */
export const KeyNameSchema = freeText({ min: 1, max: 100 });
