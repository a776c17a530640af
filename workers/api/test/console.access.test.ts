/**
 * Cloudflare Access in front of the console: a request without an API key but with Access's signed
 * assertion is the person it names, with the role their membership gives, and nothing else gets in.
 */
import { env, SELF } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

const TEAM = 'https://doorstep-test.cloudflareaccess.com';
const AUD = 'aud-console-test';
const KID = 'kid-console-test';

let f: FixtureTenant;
let away: FixtureTenant;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
const encodeJson = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

async function token(claims: Record<string, unknown>, key = signingKey) {
  const now = Math.floor(Date.now() / 1000);
  const head = `${encodeJson({ alg: 'RS256', kid: KID, typ: 'JWT' })}.${encodeJson({
    iss: TEAM,
    aud: [AUD],
    exp: now + 600,
    iat: now,
    nbf: now,
    email: 'lin.supervisor@bank.example',
    ...claims,
  })}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(head));
  return `${head}.${base64url(new Uint8Array(signature))}`;
}

const generate = () =>
  crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  ) as Promise<CryptoKeyPair>;

const asAccess = async (assertion: string, path = '/v1/tenant') =>
  SELF.fetch(`https://api.test${path}`, { headers: { 'Cf-Access-Jwt-Assertion': assertion } });

beforeAll(async () => {
  f = await createFixtureTenant('access');
  away = await createFixtureTenant('access_away', { shard: 'DB_1' });
  const pair = await generate();
  signingKey = pair.privateKey;
  strangerKey = (await generate()).privateKey;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey;
  // The team's published keys, as Access serves them; any other outbound request is a test bug.
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== `${TEAM}/cdn-cgi/access/certs`) throw new Error(`unexpected fetch ${url}`);
    return Response.json({ keys: [{ ...jwk, kid: KID, alg: 'RS256', use: 'sig' }] });
  });
  await env.DB.prepare(
    `INSERT INTO access_members (email, tenant_id, role, created_at, revoked_at)
     VALUES ('lin.supervisor@bank.example', ?1, 'supervisor', 0, NULL), ('gone@bank.example', ?1, 'admin', 0, 5)`,
  )
    .bind(f.tenantId)
    .run();
  // A member of a tenant on the second database, and a person granted on both databases to two tenants.
  await env.DB_1.prepare(
    `INSERT INTO access_members (email, tenant_id, role, created_at, revoked_at)
     VALUES ('wu.analyst@bank.example', ?1, 'analyst', 0, NULL), ('twice@bank.example', ?1, 'admin', 0, NULL)`,
  )
    .bind(away.tenantId)
    .run();
  await env.DB.prepare(
    `INSERT INTO access_members (email, tenant_id, role, created_at, revoked_at) VALUES ('twice@bank.example', ?, 'admin', 0, NULL)`,
  )
    .bind(f.tenantId)
    .run();
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('Cloudflare Access identities', () => {
  it('lets a member in with the role their membership gives, e-mail compared without case', async () => {
    const answer = await asAccess(await token({ email: 'Lin.Supervisor@Bank.example' }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: f.tenantId, role: 'supervisor' });
    const cases = await asAccess(await token({}), '/v1/cases?limit=1');
    expect(cases.status).toBe(200);
  });

  it.each([
    ['signed by another key', async () => token({}, strangerKey)],
    ['for another Access application', async () => token({ aud: ['someone-else'] })],
    ['from another team', async () => token({ iss: 'https://other.cloudflareaccess.com' })],
    ['expired', async () => token({ exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['not yet valid', async () => token({ nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['of someone with no membership', async () => token({ email: 'visitor@bank.example' })],
    ['of a revoked member', async () => token({ email: 'gone@bank.example' })],
    ['not a JWT at all', async () => 'not.a.jwt'],
  ])('refuses a token %s with 401', async (_, make) => {
    const answer = await asAccess(await make());
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ code: 'AUTH.INVALID_KEY' });
  });

  it('finds a member of a tenant on another database there, and shows them only that tenant’s rows', async () => {
    const answer = await asAccess(await token({ email: 'wu.analyst@bank.example' }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ id: away.tenantId, role: 'analyst' });
    const cases = await asAccess(await token({ email: 'wu.analyst@bank.example' }), '/v1/cases');
    expect(((await cases.json()) as { items: { id: string }[] }).items.map((item) => item.id).sort()).toEqual(
      [away.caseA, away.caseB].sort(),
    );
  });

  it('refuses a person granted to two tenants on two databases rather than guess (401)', async () => {
    const answer = await asAccess(await token({ email: 'twice@bank.example' }));
    expect(answer.status).toBe(401);
  });

  it('still answers 401 for no key and no token', async () => {
    const answer = await SELF.fetch('https://api.test/v1/tenant');
    expect(answer.status).toBe(401);
  });
});
