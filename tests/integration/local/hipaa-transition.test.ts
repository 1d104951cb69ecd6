import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesUnder, startLocalHarness, storeListId, STORE_ID, type LocalHarness } from './harness';

/**
 * A clinic usually starts on an ordinary profile and switches HIPAA mode on later: what the console
 * already kept on disk must be sealed at that moment (and opened again if it is switched off),
 * without losing a draft or breaking the audit chain.
 */
let h: LocalHarness;
let profileId: string;
let listId: number;
const secretSubject = 'Flu shot reminder for Marguerite Oyelaran';

beforeEach(async () => {
  h = await startLocalHarness();
  const { url, database, login, apiKey } = h.odooSettings;
  const clinic = await h.api.call('profiles.create', { name: 'Clinic', kind: 'own-odoo', odoo: { url, database, login, protocol: 'auto' }, storeIds: [STORE_ID], secrets: { odooApiKey: apiKey }, activate: true });
  profileId = clinic.id;
  listId = await storeListId(h);
});
afterEach(() => h.close());

async function plaintextFilesMentioning(text: string): Promise<string[]> {
  const dir = await h.profileDir();
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    // Hidden files are atomic writes in flight; they are renamed (or gone) a moment later.
    if (/[/\\]\.[^/\\]+$/.test(file)) continue;
    if ((await readFile(file, 'utf8')).includes(text)) hits.push(file.slice(dir.length + 1));
  }
  return hits;
}

describe('switching HIPAA mode on a profile that already has local data', () => {
  it('seals the drafts and audit log written before, and keeps them readable in the console', async () => {
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: secretSubject, listId });
    await h.api.call('marketing.subscribers.list', { storeId: STORE_ID });
    expect(await plaintextFilesMentioning(secretSubject)).not.toEqual([]);

    await h.api.call('profiles.update', { id: profileId, hipaa: { enabled: true, idleLockMinutes: 15 } });

    expect(await plaintextFilesMentioning(secretSubject)).toEqual([]);
    expect(await plaintextFilesMentioning('subscribers.list_viewed')).toEqual([]);
    expect((await h.api.call('drafts.get', { id: draft.id })).draft.subject).toBe(secretSubject);
    expect(await h.api.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('opens the files again when HIPAA mode is switched off', async () => {
    await h.api.call('profiles.update', { id: profileId, hipaa: { enabled: true, idleLockMinutes: 15 } });
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: secretSubject, listId });
    expect(await plaintextFilesMentioning(secretSubject)).toEqual([]);

    await h.api.call('profiles.update', { id: profileId, hipaa: { enabled: false, idleLockMinutes: 15 } });

    expect(await plaintextFilesMentioning(secretSubject)).not.toEqual([]);
    expect((await h.api.call('drafts.get', { id: draft.id })).draft.subject).toBe(secretSubject);
    expect(await h.api.call('audit.verify', {})).toMatchObject({ ok: true });
  });
});
