import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { openLocalData, type LocalDataRegistry } from '../../../src/main/host/local-services';

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
});
