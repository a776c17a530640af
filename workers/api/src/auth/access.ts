/**
 * Cloudflare Access in front of the console: Access signs each request it lets through with a JWT in
 * `Cf-Access-Jwt-Assertion` (RS256, keys at `<team domain>/cdn-cgi/access/certs`). A request without an
 * API key but with a token that verifies — signature, issuer, this application's audience, not expired —
 * is the person named by its `email` claim.
 */

export interface AccessConfig {
  /** `https://<team>.cloudflareaccess.com`: the token's issuer and where its signing keys are published. */
  teamDomain: string;
  /** The Access application's Audience (AUD) tag. */
  audience: string;
}

export function accessConfigOf(env: {
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
}): AccessConfig | null {
  const teamDomain = env.ACCESS_TEAM_DOMAIN?.trim().replace(/\/+$/, '');
  const audience = env.ACCESS_AUD?.trim();
  return teamDomain && audience ? { teamDomain, audience } : null;
}

interface Jwk extends JsonWebKey {
  kid?: string;
}

export type FetchCerts = (teamDomain: string) => Promise<Jwk[]>;

/** The team's public keys; Access rotates them, so a token with an unknown `kid` refetches once. */
const CERTS_TTL_MS = 10 * 60_000;
const certCache = new Map<string, { keys: Jwk[]; fetchedAt: number }>();

export const fetchAccessCerts: FetchCerts = async (teamDomain) => {
  const response = await fetch(`${teamDomain}/cdn-cgi/access/certs`);
  if (!response.ok) throw new Error(`Cloudflare Access certs answered ${response.status}`);
  const body = (await response.json()) as { keys?: Jwk[] };
  return body.keys ?? [];
};

async function keyFor(kid: string, config: AccessConfig, now: number, fetchCerts: FetchCerts) {
  const cached = certCache.get(config.teamDomain);
  let keys = cached && now - cached.fetchedAt < CERTS_TTL_MS ? cached.keys : null;
  if (!keys?.some((key) => key.kid === kid)) {
    keys = await fetchCerts(config.teamDomain);
    certCache.set(config.teamDomain, { keys, fetchedAt: now });
  }
  const jwk = keys.find((key) => key.kid === kid);
  if (!jwk) return null;
  const { kid: _kid, ...material } = jwk;
  return crypto.subtle.importKey('jwk', material, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'verify',
  ]);
}

const fromBase64url = (text: string) =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (ch) => ch.charCodeAt(0));

const decodeJson = (part: string): unknown => JSON.parse(new TextDecoder().decode(fromBase64url(part)));

/** Tolerated clock difference between Access and this worker when reading `exp` and `nbf`. */
const LEEWAY_S = 60;

export type AccessVerdict = { ok: true; email: string } | { ok: false; reason: string };

export async function verifyAccessToken(
  token: string,
  config: AccessConfig,
  now: number,
  fetchCerts: FetchCerts = fetchAccessCerts,
): Promise<AccessVerdict> {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: unknown; kid?: unknown };
  let claims: { iss?: unknown; aud?: unknown; exp?: unknown; nbf?: unknown; email?: unknown };
  try {
    header = decodeJson(headerPart) as typeof header;
    claims = decodeJson(payloadPart) as typeof claims;
  } catch {
    return { ok: false, reason: 'unreadable JWT' };
  }
  if (header.alg !== 'RS256' || typeof header.kid !== 'string')
    return { ok: false, reason: 'not RS256 with a kid' };
  const key = await keyFor(header.kid, config, now, fetchCerts);
  if (!key) return { ok: false, reason: 'unknown signing key' };
  const valid = await crypto.subtle.verify(
    'RSASSA-PKCS1-v1_5',
    key,
    fromBase64url(signaturePart),
    new TextEncoder().encode(`${headerPart}.${payloadPart}`),
  );
  if (!valid) return { ok: false, reason: 'bad signature' };
  if (claims.iss !== config.teamDomain) return { ok: false, reason: 'another issuer' };
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(config.audience)) return { ok: false, reason: 'another application' };
  const seconds = now / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_S < seconds)
    return { ok: false, reason: 'expired' };
  if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_S > seconds)
    return { ok: false, reason: 'not yet valid' };
  if (typeof claims.email !== 'string' || !claims.email.includes('@'))
    return { ok: false, reason: 'no e-mail' };
  return { ok: true, email: claims.email.toLowerCase() };
}
