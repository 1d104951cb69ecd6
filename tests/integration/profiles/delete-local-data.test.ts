import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionKeyAccount } from '../../../src/main/core/extensions';
import { createMemorySecretStore, type SecretStore } from '../../../src/main/core/secrets';
import { startConsole, type ConsoleRuntime } from '../../../src/main/host/console';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';
import { createApi } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';

/** Deleting a profile removes what it left on this computer: its data folder and its extensions' keys. */
let work: string;
let secrets: SecretStore;
let peer: Awaited<ReturnType<typeof startOdooPeer>>;
let runtime: ConsoleRuntime;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-delete-profile-'));
  secrets = createMemorySecretStore();
  peer = await startOdooPeer({ seed: 'demo', contactCount: 10, dataFile: join(work, 'odoo.json') });
  runtime = await startConsole({ dataDir: join(work, 'console'), secrets, now: () => new Date('2025-03-01T10:00:00Z') });
});
afterEach(async () => {
  await runtime.close();
  await peer.close();
  await rm(work, { recursive: true, force: true });
});

const exists = (path: string) => stat(path).then(() => true, () => false);

describe('deleting a profile', () => {
  it.each([['outside HIPAA mode', false], ['in HIPAA mode, its folder sealed', true]] as const)('leaves no data folder and no extension key in the keychain (%s)', async (_mode, hipaa) => {
    const api = createApi(httpTransport({ baseUrl: runtime.url, token: runtime.token }));
    const profile = await api.call('profiles.create', {
      name: 'Clinic', kind: 'own-odoo', odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' }, storeIds: [DEMO_STORE.id],
      hipaa: { enabled: hipaa }, secrets: { odooApiKey: DEMO_API_KEY }, activate: true,
    });
    const extension = await api.call('extensions.add', {
      storeId: DEMO_STORE.id,
      record: { key: 'markket:odoo:newsletter', credentials: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, api_key: 'store-own-key' }, config: { mailing_list_id: 1 } },
    });
    const folder = join(work, 'console', 'profiles', profile.id);
    expect([await exists(join(folder, 'extensions.json')), await secrets.has(extensionKeyAccount(extension.id))]).toEqual([true, true]);
    // A list seen is kept as an offline copy in the profile's folder, and goes with it.
    await api.call('marketing.lists', { storeId: DEMO_STORE.id });
    expect((await api.call('offline.cacheSize', {})).entries).toBeGreaterThan(0);
    expect((await readdir(join(folder, 'cache'))).filter((f) => f.endsWith('.cache.json')).length).toBeGreaterThan(0);

    await api.call('profiles.delete', { id: profile.id });
    expect([await exists(folder), await secrets.has(extensionKeyAccount(extension.id))]).toEqual([false, false]);
  });
});
