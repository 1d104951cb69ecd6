import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openExportTarget } from '../../../src/main/core/export/sink';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { openLocalData, type LocalDataRegistry } from '../../../src/main/host/local-data';

/**
 * An export waiting for its download, or cut short by a crash, leaves a report (or half of one) in
 * the profile's downloads folder. Nobody holds its one-time link after the run ended: the console
 * deletes such files as soon as it opens the profile again, not at the next export (issue 18).
 */
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-export-leftovers-'));
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function clinicProfile() {
  const secrets = createMemorySecretStore();
  const profiles = createProfileManager({ store: createProfileStore({ cwd: join(work, 'console'), secrets }), createOdooClient });
  const profile = await profiles.create({
    name: 'Clinic', kind: 'own-odoo', odoo: { url: 'http://127.0.0.1:8069', database: 'clinic', login: 'owner', protocol: 'auto' }, storeIds: ['clinic'],
    hipaa: { enabled: true },
  });
  return { profile, secrets, dir: join(work, 'console', 'profiles', profile.id) };
}

describe("exports a crash left in a profile's downloads folder", () => {
  it('are deleted when the console opens the profile again', async () => {
    const { profile, secrets, dir } = await clinicProfile();
    const downloads = join(dir, 'downloads');
    await mkdir(downloads, { recursive: true });
    // A finished report nobody fetched, and the temp file of one being written when the process died.
    await writeFile(join(downloads, '3f9a0c1d2e4b5a6978c0d1e2.csv'), 'email,name\nada.quinlan@patients-mail.test,Ada Quinlan\n');
    await writeFile(join(downloads, '.5a6978c0d1e23f9a0c1d2e4b.csv.0a1b2c3d4e5f.tmp'), 'email,name\nbram.okafor@patients-mail.test,Br');

    const registry: LocalDataRegistry = new Map();
    await openLocalData({ dir, profile, secrets, registry, now: () => new Date('2026-03-01T10:00:00Z') });

    expect(await readdir(downloads)).toEqual([]);
  });

  it('are not swept again when the same run reopens the profile (a settings change), so a link just handed out still works', async () => {
    const { profile, secrets, dir } = await clinicProfile();
    const registry: LocalDataRegistry = new Map();
    const first = await openLocalData({ dir, profile, secrets, registry, now: () => new Date('2026-03-01T10:00:00Z') });
    const pending = await first.downloads.tempPath('csv');
    await writeFile(pending, 'email\n');

    await openLocalData({ dir, profile, secrets, registry, now: () => new Date('2026-03-01T10:01:00Z') });

    expect(await readdir(join(dir, 'downloads'))).toEqual([pending.slice(join(dir, 'downloads').length + 1)]);
  });

  it('deletes the temp file a crash left beside a save-dialog destination, and nothing else in that folder', async () => {
    const { profile, secrets, dir } = await clinicProfile();
    const documents = join(work, 'Documents');
    await mkdir(documents);
    // The person's own files, one of them named like a temp of ours but never written by this profile.
    const theirs = ['.notes.txt.0a1b2c3d4e5f.tmp', 'budget.tmp', 'patients-2025.csv'];
    for (const name of theirs) await writeFile(join(documents, name), 'keep me');
    const now = () => new Date('2026-03-01T10:00:00Z');
    const first = await openLocalData({ dir, profile, secrets, registry: new Map(), now });

    // A finished export forgets its temp; the next one is cut short by a crash (no commit, no discard).
    const done = await openExportTarget({ path: join(documents, 'march.csv'), total: 1, journal: first.tempJournal });
    await done.sink.write('email\n');
    await done.commit();
    const crashed = await openExportTarget({ path: join(documents, 'april.csv'), total: 1, journal: first.tempJournal });
    await crashed.sink.write('email,name\nada.quinlan@patients-mail.test,Ada Quinlan\n');
    const temp = (await readdir(documents)).find((name) => name.startsWith('.april.csv.'));
    expect(temp).toBeDefined();
    // The note of it is sealed with the rest of the HIPAA profile's data: no path in plain text.
    expect(await readFile(join(dir, 'exports', 'pending-temps.json'), 'latin1')).not.toContain('april');

    // The next run opens the profile: only the crashed export's temp goes.
    await openLocalData({ dir, profile, secrets, registry: new Map(), now });
    expect((await readdir(documents)).sort()).toEqual([...theirs, 'march.csv'].sort());
    await crashed.discard();
  });
});
