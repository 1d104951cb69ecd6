import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataKeyAccount } from '../../../src/main/core/crypto';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { createOdooClient } from '../../../src/main/core/odoo';
import { openLocalData } from '../../../src/main/host/local-data';

/** A HIPAA profile's sealed folder opened on a keychain that lost its data key (another computer, browser mode restarted). */
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-missing-key-'));
});
afterEach(() => rm(work, { recursive: true, force: true }));

async function sealedProfileFolder() {
  const secrets = createMemorySecretStore();
  const profiles = createProfileManager({ store: createProfileStore({ cwd: join(work, 'console'), secrets }), createOdooClient });
  const profile = await profiles.create({
    name: 'Clinic', kind: 'own-odoo', odoo: { url: 'http://127.0.0.1:8069', database: 'clinic', login: 'owner', protocol: 'auto' }, storeIds: ['clinic'],
    hipaa: { enabled: true },
  });
  const dir = join(work, 'console', 'profiles', profile.id);
  await openLocalData({ dir, profile, secrets, now: () => new Date('2025-03-01T10:00:00Z') });
  return { profile, dir, secrets };
}

describe('a sealed folder whose data key is gone', () => {
  it('is refused with what to do, and no new key is put in the keychain', async () => {
    const { profile, dir } = await sealedProfileFolder();
    const emptyKeychain = createMemorySecretStore();
    const error = await openLocalData({ dir, profile, secrets: emptyKeychain, now: () => new Date('2025-03-01T11:00:00Z') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'profile.invalid', message: expect.stringMatching(/keychain no longer has.*Restore the keychain.*delete the profile's local data.*browser mode/s) });
    expect(await emptyKeychain.has(dataKeyAccount(profile.id))).toBe(false);
  });

  it('opens again with the keychain that holds the key', async () => {
    const { profile, dir, secrets } = await sealedProfileFolder();
    const reopened = await openLocalData({ dir, profile, secrets, now: () => new Date('2025-03-01T11:00:00Z') });
    expect(reopened.hipaa).toBe(true);
  });
});
