import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../../src/main/core/secrets';
import { startConsole, type ConsoleRuntime } from '../../../src/main/host/console';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';
import { createApi } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';

/** The lock across a restart of the app (same data folder, same keychain) and across rebuilds within one run. */
let work: string;
let secrets: SecretStore;
let peer: Awaited<ReturnType<typeof startOdooPeer>>;
const running: ConsoleRuntime[] = [];
const clock = { now: new Date('2025-03-01T10:00:00Z') };
const PASSPHRASE = 'long enough passphrase';

async function start() {
  const runtime = await startConsole({ dataDir: join(work, 'console'), secrets, now: () => clock.now });
  running.push(runtime);
  return { runtime, api: createApi(httpTransport({ baseUrl: runtime.url, token: runtime.token })) };
}

async function createProfile(api: ReturnType<typeof createApi>, hipaa: boolean) {
  return api.call('profiles.create', {
    name: 'Clinic', kind: 'own-odoo', odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' }, storeIds: [DEMO_STORE.id],
    hipaa: { enabled: hipaa, idleLockMinutes: 5 }, secrets: { odooApiKey: DEMO_API_KEY }, activate: true,
  });
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-restart-lock-'));
  secrets = createMemorySecretStore();
  peer = await startOdooPeer({ seed: 'demo', contactCount: 10, dataFile: join(work, 'odoo.json') });
});
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.close();
  await peer.close();
  await rm(work, { recursive: true, force: true });
});

describe('the lock across restarts', () => {
  it('opens locked after a restart when the active profile auto-locks and a passphrase is set', async () => {
    const first = await start();
    await createProfile(first.api, true);
    await first.api.call('session.setPassphrase', { passphrase: PASSPHRASE });
    expect(await first.api.call('session.status', {})).toMatchObject({ locked: false });
    await first.runtime.close();

    const second = await start();
    expect(await second.api.call('session.status', {})).toMatchObject({ locked: true, reason: 'idle', passphraseSet: true });
    await expect(second.api.call('drafts.list', {})).rejects.toMatchObject({ code: 'locked' });
  });

  it('opens unlocked after a restart when the active profile does not auto-lock', async () => {
    const first = await start();
    await createProfile(first.api, false);
    await first.api.call('session.setPassphrase', { passphrase: PASSPHRASE });
    await first.runtime.close();

    const second = await start();
    expect(await second.api.call('session.status', {})).toMatchObject({ locked: false, passphraseSet: true });
  });

  it('stays locked when the services are rebuilt within the same run', async () => {
    const { runtime, api } = await start();
    const profile = await createProfile(api, true);
    await api.call('session.setPassphrase', { passphrase: PASSPHRASE });
    await api.call('session.lock', {});
    // A settings change from the main process (not the locked window) rebuilds the services.
    await runtime.profiles.update({ id: profile.id, hipaa: { enabled: true, idleLockMinutes: 10 } });
    expect(await api.call('session.status', {})).toMatchObject({ locked: true, lockAfterMs: 600_000 });
  });

  it('stays unlocked when a settings change rebuilds the services while the user is active', async () => {
    const { api } = await start();
    const profile = await createProfile(api, true);
    await api.call('session.setPassphrase', { passphrase: PASSPHRASE });
    await api.call('profiles.update', { id: profile.id, hipaa: { enabled: true, idleLockMinutes: 10 } });
    expect(await api.call('session.status', {})).toMatchObject({ locked: false, lockAfterMs: 600_000 });
  });
});
