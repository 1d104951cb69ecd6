import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../../src/main/core/crypto/cipher';
import { createDraftStore } from '../../../src/main/core/drafts/store';

let dir: string;
let clock = new Date('2025-03-01T10:00:00Z');
const now = () => clock;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-drafts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const content = { storeId: 'demo-store-a', subject: 'Spring sale', previewText: 'Up to 30% off', listId: 3 };

describe('draft store', () => {
  it('gives a new draft an id, version 1 and the local sync state', async () => {
    const draft = await createDraftStore({ dir, now }).save(content);
    expect(draft).toMatchObject({ ...content, version: 1, segment: 'all', schedule: null, sync: { state: 'local' }, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(draft.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('increments the version on every save and keeps it across a restart', async () => {
    const store = createDraftStore({ dir, now });
    const first = await store.save(content);
    await store.save({ ...content, id: first.id, subject: 'Spring sale!' });
    const reopened = await createDraftStore({ dir, now }).get(first.id);
    expect(reopened).toMatchObject({ version: 2, subject: 'Spring sale!' });
  });

  it('rejects a save based on a version that is no longer the latest', async () => {
    const store = createDraftStore({ dir, now });
    const first = await store.save(content);
    await store.save({ ...content, id: first.id, baseVersion: 1, subject: 'from window A' });
    await expect(store.save({ ...content, id: first.id, baseVersion: 1, subject: 'from window B' })).rejects.toMatchObject({
      code: 'conflict',
      details: { currentVersion: 2, baseVersion: 1 },
    });
  });

  it('lists the drafts of one store, most recently edited first', async () => {
    const store = createDraftStore({ dir, now });
    const older = await store.save(content);
    clock = new Date('2025-03-02T10:00:00Z');
    const newer = await store.save({ ...content, subject: 'Summer' });
    await store.save({ ...content, storeId: 'other-store' });
    expect((await store.list({ storeId: 'demo-store-a' })).map((d) => d.id)).toEqual([newer.id, older.id]);
  });

  it('deletes a draft file', async () => {
    const store = createDraftStore({ dir, now });
    const draft = await store.save(content);
    expect(await store.delete(draft.id)).toBe(true);
    expect(await store.get(draft.id)).toBeUndefined();
  });

  it('marks an edit of an already synced draft as pending without losing the Odoo link', async () => {
    const store = createDraftStore({ dir, now });
    const draft = await store.save(content);
    await store.patchMeta(draft.id, { sync: { state: 'synced', odooId: 12, odooWriteDate: '2025-03-01 10:00:00' } });
    const edited = await store.save({ ...content, id: draft.id, subject: 'Edited' });
    expect(edited.sync).toEqual({ state: 'pending', odooId: 12, odooWriteDate: '2025-03-01 10:00:00' });
    expect(edited.version).toBe(2);
  });

  it('removes temp files left by a crash when it opens the folder', async () => {
    await writeFile(join(dir, '.0b7f3a52-1c2d-4e5f-8a9b-0c1d2e3f4a51.draft.json.0123456789ab.tmp'), '{"half');
    await createDraftStore({ dir, now }).list();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses to read a draft file that was corrupted outside the console with a readable error', async () => {
    const store = createDraftStore({ dir, now });
    const draft = await store.save(content);
    await writeFile(join(dir, `${draft.id}.draft.json`), '{"id": "not a draft"');
    await expect(store.get(draft.id)).rejects.toMatchObject({ code: 'internal', details: { reason: 'it is not valid JSON' } });
  });

  it('writes no readable subject to disk when the profile encrypts its drafts', async () => {
    const cipher = createAesGcmCipher(Buffer.alloc(32, 9));
    const store = createDraftStore({ dir, now, cipher });
    const draft = await store.save({ ...content, subject: 'Flu shot reminder for Jane Roe' });
    const raw = await readFile(join(dir, `${draft.id}.draft.json`));
    expect(raw.includes('Jane Roe')).toBe(false);
    expect(raw.includes('Flu shot')).toBe(false);
    expect((await store.get(draft.id))?.subject).toBe('Flu shot reminder for Jane Roe');
  });

  it('answers not found for an id that is not a draft id instead of touching another path', async () => {
    await expect(createDraftStore({ dir, now }).get('../../etc/passwd')).rejects.toMatchObject({ code: 'not_found' });
  });
  it('keeps the sender of a draft across a restart', async () => {
    const first = await createDraftStore({ dir, now }).save({ ...content, emailFrom: 'Juniper & Pine <news@juniper.example>' });
    expect((await createDraftStore({ dir, now }).get(first.id))?.emailFrom).toBe('Juniper & Pine <news@juniper.example>');
  });

  it('reads a draft file written before drafts had a sender', async () => {
    const id = '3f0c6a1e-2b4d-4c8e-9a7f-1d2e3f4a5b6c';
    const before = { ...content, id, templateId: null, segment: 'all', schedule: null, version: 4, updatedAt: '2025-02-01T09:00:00.000Z', sync: { state: 'local' } };
    await writeFile(join(dir, `${id}.draft.json`), JSON.stringify(before));
    const draft = await createDraftStore({ dir, now }).get(id);
    expect(draft).toMatchObject({ id, version: 4, subject: 'Spring sale' });
    expect(draft?.emailFrom).toBeUndefined();
  });

  it('refuses a sender longer than 255 characters', async () => {
    await expect(createDraftStore({ dir, now }).save({ ...content, emailFrom: `${'a'.repeat(250)}@x.example` })).rejects.toThrow();
  });
});
