/**
 * Intake signing secrets at rest (issue 14, item 7): sealed with AES-GCM under a key from the Worker
 * secret `INTAKE_SECRET_KEYS`, each naming its key id so keys rotate; plaintext rows (written before
 * sealing, or by a script without the key) are sealed by the cron, and intake verifies either form.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealIntakeSecrets } from '../src/intake/seal-secrets';
import { runtimePorts } from '../src/ports/runtime';
import {
  intakeSecretContext,
  keyringOf,
  LOCAL_KEYS,
  open,
  parseKeyring,
  seal,
} from '../src/secrets/secret-box';
import { delinquency, intakeTenant, signedFetch } from './intake.helpers';

const ports = runtimePorts();
const randomKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

interface SecretRow {
  secret: string | null;
  ciphertext: string | null;
  key_id: string | null;
}

const rowOf = (id: string) =>
  env.DB.prepare('SELECT secret, ciphertext, key_id FROM intake_secrets WHERE id = ?')
    .bind(id)
    .first<SecretRow>();

describe('the secret box', () => {
  it('opens what it sealed, only in the same context, with any key of the ring', async () => {
    const older = await parseKeyring(`k1:${randomKey()}`);
    const sealed = await seal(older, 'whsec_abc', 'intake_secrets/ten_a/isec_1');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('whsec');
    expect(await open(older, sealed, 'intake_secrets/ten_a/isec_1')).toBe('whsec_abc');
    // Copied to another tenant's row, it does not open.
    await expect(open(older, sealed, 'intake_secrets/ten_b/isec_1')).rejects.toThrow();
    // After a rotation the new key seals and the old one still opens.
    const rotated = await parseKeyring(`k2:${randomKey()},k1:${randomKey()}`);
    expect(rotated.current.id).toBe('k2');
    await expect(open(rotated, sealed, 'intake_secrets/ten_a/isec_1')).rejects.toThrow();
  });

  it('refuses a malformed ring without echoing key material, and production without a key', async () => {
    await expect(parseKeyring('nokey')).rejects.toThrow('<keyId>:<base64 key>');
    await expect(parseKeyring('k1:c2hvcnQ=')).rejects.toThrow('k1 is not 32 bytes');
    await expect(parseKeyring(`k1:${randomKey()},k1:${randomKey()}`)).rejects.toThrow('appears twice');
    await expect(keyringOf({ DOORSTEP_MODE: 'production' })).rejects.toThrow('INTAKE_SECRET_KEYS is not set');
    expect((await keyringOf({ DOORSTEP_MODE: 'local' })).current.id).toBe(LOCAL_KEYS.split(':')[0]);
  });
});

describe('sealing intake secrets', () => {
  let tenant: { tenantId: string; secret: string };
  const secretId = () => `isec_${tenant.tenantId}`;
  const send = (secrets: string[]) =>
    signedFetch('/v1/intake/events', {
      tenantId: tenant.tenantId,
      secrets,
      body: JSON.stringify([delinquency('1', 1, 40, 300_000, '2026-10-01T00:00:00Z')]),
    });

  beforeAll(async () => {
    tenant = await intakeTenant('sealed');
  });

  it('the cron seals a plaintext secret once, audited; intake verifies with it as before', async () => {
    expect(await rowOf(secretId())).toEqual({ secret: tenant.secret, ciphertext: null, key_id: null });
    expect((await send([tenant.secret])).status).toBe(200);

    const { sealed } = await sealIntakeSecrets({ env, d1: env.DB }, ports);
    expect(sealed).toContain(secretId());
    const row = await rowOf(secretId());
    expect(row).toMatchObject({ secret: null, key_id: 'local-dev' });
    expect(row?.ciphertext).not.toContain(tenant.secret.slice(6, 20));
    const ring = await keyringOf(env);
    expect(
      await open(
        ring,
        { keyId: row!.key_id!, ciphertext: row!.ciphertext! },
        intakeSecretContext(tenant.tenantId, secretId()),
      ),
    ).toBe(tenant.secret);
    expect((await sealIntakeSecrets({ env, d1: env.DB }, ports)).sealed).not.toContain(secretId());
    const audit = await env.DB.prepare(
      `SELECT actor_role, data FROM audit_log WHERE tenant_id = ? AND action = 'intake-secret.sealed'`,
    )
      .bind(tenant.tenantId)
      .all<{ actor_role: string; data: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]?.actor_role).toBe('system');
    expect(JSON.parse(audit.results[0]!.data)).toEqual({ keyId: 'local-dev', from: 'plaintext' });

    expect((await send([tenant.secret])).status).toBe(200);
    const forged = await send(['whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB']);
    expect(forged.status).toBe(401);
  });

  it('a rotation re-seals every secret under the new key, and the old key still opens the rest meanwhile', async () => {
    const other = await intakeTenant('rotated');
    await sealIntakeSecrets({ env, d1: env.DB }, ports);
    const id = `isec_${other.tenantId}`;
    expect((await rowOf(id))?.key_id).toBe('local-dev');
    const rotatedEnv = { ...env, INTAKE_SECRET_KEYS: `k2027:${randomKey()},${LOCAL_KEYS}` };
    const { sealed } = await sealIntakeSecrets({ env: rotatedEnv, d1: env.DB }, ports);
    expect(sealed).toContain(id);
    const row = await rowOf(id);
    expect(row?.key_id).toBe('k2027');
    const ring = await keyringOf(rotatedEnv);
    expect(
      await open(
        ring,
        { keyId: row!.key_id!, ciphertext: row!.ciphertext! },
        intakeSecretContext(other.tenantId, id),
      ),
    ).toBe(other.secret);
    const audit = await env.DB.prepare(
      `SELECT data FROM audit_log WHERE tenant_id = ? AND action = 'intake-secret.sealed' ORDER BY at`,
    )
      .bind(other.tenantId)
      .all<{ data: string }>();
    expect(audit.results.map((entry) => JSON.parse(entry.data))).toEqual([
      { keyId: 'local-dev', from: 'plaintext' },
      { keyId: 'k2027', from: { keyId: 'local-dev' } },
    ]);
  });

  it('the table holds one form per row: a row with both or neither is refused by the schema', async () => {
    const insert = (secret: string | null, ciphertext: string | null, keyId: string | null) =>
      env.DB.prepare(
        'INSERT INTO intake_secrets (id, tenant_id, secret, ciphertext, key_id, created_at) VALUES (?, ?, ?, ?, ?, 0)',
      )
        .bind(`isec_bad_${crypto.randomUUID()}`, tenant.tenantId, secret, ciphertext, keyId)
        .run();
    await expect(insert('whsec_x', 'abc', 'k1')).rejects.toThrow(/CHECK/);
    await expect(insert(null, null, null)).rejects.toThrow(/CHECK/);
    await expect(insert(null, 'abc', null)).rejects.toThrow(/CHECK/);
  });
});
