import type { RuntimePorts } from '../ports/runtime';
import { intakeSecretContext, keyringOf, open, seal } from '../secrets/secret-box';
import type { ShardScope } from '../shards/bindings';
import { unfenced } from '../shards/fence';

/** Secrets sealed per tick; a tenant has a few, so one tick usually does them all. */
const PER_TICK = 100;

interface SecretRow {
  id: string;
  tenant_id: string;
  secret: string | null;
  ciphertext: string | null;
  key_id: string | null;
}

/**
 * Cron: seals every intake secret still stored in the clear (written before sealing existed, or by a
 * script without the key) and re-seals every one sealed under a key other than the ring's current
 * one (a rotation), each with a `system` audit row. Guarded on the values read: a row changed
 * meanwhile is left for the next tick. A row no key of the ring opens is logged and left alone.
 */
export async function sealIntakeSecrets(
  { env, d1 }: ShardScope,
  ports: RuntimePorts,
): Promise<{ sealed: string[] }> {
  const ring = await keyringOf(env);
  const { results } = await d1
    .prepare(
      `SELECT id, tenant_id, secret, ciphertext, key_id FROM intake_secrets
     WHERE (secret IS NOT NULL OR key_id <> ?1) AND ${unfenced()} LIMIT ?2`,
    )
    .bind(ring.current.id, PER_TICK)
    .all<SecretRow>();
  const now = ports.now();
  const statements: D1PreparedStatement[] = [];
  const sealed: string[] = [];
  for (const row of results) {
    const context = intakeSecretContext(row.tenant_id, row.id);
    let plaintext: string;
    try {
      plaintext =
        row.secret ??
        (await open(ring, { keyId: row.key_id ?? '', ciphertext: row.ciphertext ?? '' }, context));
    } catch (error) {
      console.error(
        JSON.stringify({ job: 'intake.seal-secrets', secretId: row.id, error: (error as Error).name }),
      );
      continue;
    }
    const box = await seal(ring, plaintext, context);
    statements.push(
      d1
        .prepare(
          `UPDATE intake_secrets SET secret = NULL, ciphertext = ?1, key_id = ?2
         WHERE id = ?3 AND secret IS ?4 AND ciphertext IS ?5`,
        )
        .bind(box.ciphertext, box.keyId, row.id, row.secret, row.ciphertext),
      d1
        .prepare(
          `INSERT INTO audit_log (id, tenant_id, at, actor_key_id, actor_role, action, subject_type, subject_id, data)
         SELECT ?1, ?2, ?3, NULL, 'system', 'intake-secret.sealed', 'intake_secret', ?4, ?5
         WHERE EXISTS (SELECT 1 FROM intake_secrets WHERE id = ?4 AND ciphertext = ?6)`,
        )
        .bind(
          ports.newId('aud'),
          row.tenant_id,
          now,
          row.id,
          JSON.stringify({
            keyId: box.keyId,
            from: row.secret === null ? { keyId: row.key_id } : 'plaintext',
          }),
          box.ciphertext,
        ),
    );
    sealed.push(row.id);
  }
  if (statements.length > 0) await d1.batch(statements);
  return { sealed };
}
