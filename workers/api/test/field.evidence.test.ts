/**
 * Evidence in real storage (issue 14, item 6): a visit's photo, signed plan or receipt is announced with
 * its media type, size and SHA-256, uploaded to R2 (local R2 through miniflare here) and verified
 * against the bytes; other types and anything over the limit are refused; downloads go only to roles
 * that see the customer's home, each audited as a dossier view; outcomes cite evidence by id.
 */
import { env, SELF } from 'cloudflare:test';
import { EVIDENCE_MAX_BYTES } from '@doorstep/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkContract } from './fixtures/contract';
import { call, createFixtureTenant, type FixtureTenant } from './fixtures/tenant';

let f: FixtureTenant;

beforeAll(async () => {
  f = await createFixtureTenant('fevd');
});

/** A few bytes that start like a JPEG; the API judges the declared type, the hash and the size. */
const PHOTO = new Uint8Array([
  0xff,
  0xd8,
  0xff,
  0xe0,
  ...new TextEncoder().encode('Doorstep evidence photo'),
]);

async function sha256Of(bytes: Uint8Array<ArrayBuffer>) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface Evidence {
  id: string;
  status: string;
  contentUrl: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
}

async function announce(body: Record<string, unknown>, visitId = f.visitA1, key = f.keys.agent) {
  return call(key, 'POST', `/v1/visits/${visitId}/evidence`, { body });
}

async function announced(bytes = PHOTO, over: Record<string, unknown> = {}): Promise<Evidence> {
  const response = await announce({
    kind: 'photo',
    mediaType: 'image/jpeg',
    sizeBytes: bytes.byteLength,
    sha256: await sha256Of(bytes),
    ...over,
  });
  expect(response.status).toBe(201);
  return response.json<Evidence>();
}

/** PUT raw bytes the way an app uploads a file (the `call` helper sends JSON). */
async function upload(
  url: string,
  bytes: Uint8Array<ArrayBuffer>,
  contentType = 'image/jpeg',
  key = f.keys.agent,
) {
  const full = `https://api.test${url}`;
  const response = await SELF.fetch(full, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': contentType },
    body: bytes,
  });
  await checkContract('PUT', full, response);
  return response;
}

async function download(url: string, key: string) {
  const full = `https://api.test${url}`;
  const response = await SELF.fetch(full, { headers: { Authorization: `Bearer ${key}` } });
  await checkContract('GET', full, response);
  return response;
}

describe('visit evidence in R2', () => {
  it('round trip: announced, uploaded and verified, stored in R2 with its hash, downloaded unchanged and audited', async () => {
    const evidence = await announced();
    expect(evidence).toMatchObject({
      status: 'pending',
      sizeBytes: PHOTO.byteLength,
      mediaType: 'image/jpeg',
    });
    const stored = await upload(evidence.contentUrl, PHOTO);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ id: evidence.id, status: 'stored' });

    const row = await env.DB.prepare('SELECT object_key, status FROM evidence WHERE id = ?')
      .bind(evidence.id)
      .first<{ object_key: string; status: string }>();
    expect(row?.object_key).toBe(`${f.tenantId}/${f.caseA}/${evidence.id}`);
    const object = await env.EVIDENCE.get(row!.object_key);
    expect(object).not.toBeNull();
    const inR2 = new Uint8Array(await object!.arrayBuffer());
    expect(inR2).toEqual(PHOTO);
    expect(await sha256Of(inR2)).toBe(evidence.sha256);
    expect(object!.httpMetadata?.contentType).toBe('image/jpeg');

    // The same bytes again: nothing changes.
    expect((await upload(evidence.contentUrl, PHOTO)).status).toBe(200);

    const fetched = await download(evidence.contentUrl, f.keys.supervisor);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('Content-Type')).toBe('image/jpeg');
    expect(fetched.headers.get('Cache-Control')).toBe('private, no-store');
    expect(fetched.headers.get('Repr-Digest')).toBe(
      `sha-256=:${btoa(String.fromCharCode(...(evidence.sha256.match(/../g) ?? []).map((h) => Number.parseInt(h, 16))))}:`,
    );
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(PHOTO);
    const views = await env.DB.prepare(
      `SELECT actor_key_id, subject_type, subject_id, data FROM audit_log WHERE tenant_id = ? AND action = 'dossier.viewed'`,
    )
      .bind(f.tenantId)
      .all<{ actor_key_id: string; subject_type: string; subject_id: string; data: string }>();
    expect(views.results).toHaveLength(1);
    expect(views.results[0]).toMatchObject({
      actor_key_id: f.keyIds.supervisor,
      subject_type: 'case',
      subject_id: f.caseA,
    });
    expect(JSON.parse(views.results[0]!.data)).toMatchObject({ evidenceId: evidence.id, visitId: f.visitA1 });
  });

  it('refuses bytes that are not the ones announced (hash or size), storing nothing', async () => {
    const evidence = await announced();
    const tampered = PHOTO.slice();
    tampered[5] = 0;
    const refused = await upload(evidence.contentUrl, tampered);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'EVIDENCE.HASH_MISMATCH',
      errors: [{ path: '/sha256' }],
    });
    const shorter = await upload(evidence.contentUrl, PHOTO.slice(0, 10));
    expect(shorter.status).toBe(422);
    const longer = await upload(evidence.contentUrl, new Uint8Array([...PHOTO, 1, 2, 3]));
    expect(longer.status).toBe(413);
    const row = await env.DB.prepare('SELECT status, object_key FROM evidence WHERE id = ?')
      .bind(evidence.id)
      .first<{ status: string; object_key: string }>();
    expect(row?.status).toBe('pending');
    expect(await env.EVIDENCE.head(row!.object_key)).toBeNull();
    expect((await download(evidence.contentUrl, f.keys.supervisor)).status).toBe(404);
  });

  it('refuses another media type when announced or uploaded, and anything over the size limit', async () => {
    const sha256 = await sha256Of(PHOTO);
    for (const [mediaType, kind] of [
      ['text/html', 'photo'],
      ['image/svg+xml', 'photo'],
      ['application/pdf', 'photo'],
      ['application/x-msdownload', 'receipt'],
    ] as const) {
      const refused = await announce({ kind, mediaType, sizeBytes: PHOTO.byteLength, sha256 });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({
        code: 'REQUEST.INVALID',
        errors: [{ path: '/mediaType', code: 'evidence.media-type' }],
      });
    }
    const huge = await announce({
      kind: 'photo',
      mediaType: 'image/jpeg',
      sizeBytes: EVIDENCE_MAX_BYTES + 1,
      sha256,
    });
    expect(await huge.json()).toMatchObject({ errors: [{ path: '/sizeBytes', code: 'evidence.too-large' }] });

    const evidence = await announced();
    const wrongType = await upload(evidence.contentUrl, PHOTO, 'application/pdf');
    expect(wrongType.status).toBe(422);
    expect(await wrongType.json()).toMatchObject({ errors: [{ path: '/Content-Type', in: 'header' }] });
    const html = await upload(evidence.contentUrl, PHOTO, 'text/html');
    expect(html.status).toBe(422);
  });

  it('serves downloads and lists only to roles that see the customer’s home; an agent off the visit finds nothing', async () => {
    const evidence = await announced();
    expect((await upload(evidence.contentUrl, PHOTO)).status).toBe(200);
    expect((await download(evidence.contentUrl, f.keys.analyst)).status).toBe(403);
    expect((await download(evidence.contentUrl, f.keys.agency)).status).toBe(403);
    expect((await download(evidence.contentUrl, f.keys.agent2)).status).toBe(404);
    expect((await download(evidence.contentUrl, f.keys.agent)).status).toBe(200);
    expect((await call(f.keys.analyst, 'GET', `/v1/visits/${f.visitA1}/evidence`)).status).toBe(403);
    const listed = await (await call(f.keys.agent, 'GET', `/v1/visits/${f.visitA1}/evidence`)).json<{
      items: { id: string }[];
    }>();
    expect(listed.items.map((item) => item.id)).toContain(evidence.id);
    // Nobody but the readers downloaded anything: the refused attempts left no dossier view.
    const viewers = await env.DB.prepare(
      `SELECT DISTINCT actor_role FROM audit_log WHERE tenant_id = ? AND action = 'dossier.viewed'`,
    )
      .bind(f.tenantId)
      .all<{ actor_role: string }>();
    expect(viewers.results.map((row) => row.actor_role).sort()).toEqual(['agent', 'supervisor']);
  });

  it('an outcome cites stored evidence by id (never another visit’s or an unfinished upload); old free-text references are still read', async () => {
    const pending = await announced();
    const other = await call(f.keys.supervisor, 'POST', `/v1/visits/${f.visitA2}/evidence`, {
      body: {
        kind: 'receipt',
        mediaType: 'application/pdf',
        sizeBytes: PHOTO.byteLength,
        sha256: await sha256Of(PHOTO),
      },
    });
    const elsewhere = await other.json<Evidence>();
    const stored = await announced();
    expect((await upload(stored.contentUrl, PHOTO)).status).toBe(200);
    const outcome = (evidenceIds: string[], extra: Record<string, unknown> = {}) =>
      call(f.keys.agent, 'POST', `/v1/visits/${f.visitA1}/outcome`, {
        body: {
          contactResult: 'customer_met',
          checklist: [],
          willingness: 4,
          monthlyAbilityToPay: null,
          satisfaction: 4,
          evidenceIds,
          ...extra,
        },
        headers: { 'If-Match': '"1"' },
      });
    const refused = await outcome([stored.id, pending.id, elsewhere.id, 'evd_unknown']);
    expect(refused.status).toBe(422);
    expect((await refused.json<{ errors: { path: string }[] }>()).errors.map((error) => error.path)).toEqual([
      '/evidenceIds/1',
      '/evidenceIds/2',
      '/evidenceIds/3',
    ]);
    const freeText = await outcome([stored.id], { evidenceRefs: ['photo_1'] });
    expect(freeText.status).toBe(422);
    expect((await freeText.json<{ errors: { path: string }[] }>()).errors[0]?.path).toBe('/evidenceRefs');
    const recorded = await outcome([stored.id]);
    expect(recorded.status, await recorded.clone().text()).toBe(200);

    const seenBy = async (key: string, visitId: string) =>
      (
        await (
          await call(key, 'GET', `/v1/visits/${visitId}`)
        ).json<{
          outcome: { evidenceIds: string[]; evidenceRefs: string[] };
        }>()
      ).outcome;
    expect(await seenBy(f.keys.agent, f.visitA1)).toMatchObject({
      evidenceIds: [stored.id],
      evidenceRefs: [],
    });
    expect(await seenBy(f.keys.analyst, f.visitA1)).toMatchObject({ evidenceIds: [], evidenceRefs: [] });

    // An outcome recorded before evidence lived in R2 keeps its free-text references, read apart.
    await env.DB.prepare(
      `INSERT INTO visit_outcomes (visit_id, tenant_id, case_id, contact_result, local_date, bucket, checklist, evidence, recorded_at)
       VALUES (?, ?, ?, 'customer_met', '2026-10-01', 'M2', '[]', '["photo_1","receipt 2026-10-01"]', 0)`,
    )
      .bind(f.visitA2, f.tenantId, f.caseB)
      .run();
    expect(await seenBy(f.keys.supervisor, f.visitA2)).toMatchObject({
      evidenceIds: [],
      evidenceRefs: ['photo_1', 'receipt 2026-10-01'],
    });
  });
});
