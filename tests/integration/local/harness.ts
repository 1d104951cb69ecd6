import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';
import { createApi } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import { AppError } from '../../../src/shared/errors';

type Peer = Awaited<ReturnType<typeof startOdooPeer>>;

export const STORE_ID = DEMO_STORE.id;

/**
 * Browser mode (the HTTP host a browser talks to) on a profile for the Odoo peer, reached over
 * real HTTP with the renderer's own client. The peer can be stopped and restarted on its port
 * to play "Odoo unreachable"; the console's clock is a value the test moves.
 */
export async function startLocalHarness(options: { contactCount?: number } = {}) {
  const work = await mkdtemp(join(tmpdir(), 'markket-local-'));
  const clock = { now: new Date('2025-03-01T10:00:00Z') };
  // The peer's clock moves on by hand too: write_date has one-second resolution.
  const peerClock = { now: new Date('2025-03-01T10:00:00Z') };
  const startPeer = (port?: number) =>
    startOdooPeer({ seed: 'demo', contactCount: options.contactCount ?? 40, dataFile: join(work, 'odoo.json'), now: () => peerClock.now, ...(port ? { port } : {}) });
  let peer: Peer = await startPeer();
  const port = peer.port;
  const settings = { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'auto' as const };
  const served: BrowserMode = await startBrowserMode({
    demo: false,
    envOdoo: { odoo: settings, storeId: STORE_ID },
    dataDir: join(work, 'console'),
    // Removed on close: the data lasts no longer than browser mode's in-memory keys.
    temporaryDataDir: true,
    now: () => clock.now,
  });
  const api = createApi(httpTransport({ baseUrl: served.url, token: served.token }));
  // A second client straight to Odoo: "someone else" editing, and the truth the tests check against.
  const odoo: OdooClient = createOdooClient({ ...settings, readRetries: 0, timeoutMs: 3000 }, { sleep: async () => {} });
  let peerUp = true;

  return {
    work,
    clock,
    peerClock,
    served,
    api,
    odoo,
    /** The peer's connection settings, for a second profile on the same Odoo. */
    odooSettings: settings,
    profileDir: async () => {
      const active = await api.call('profiles.active', {});
      return join(work, 'console', 'profiles', String(active.profile?.id));
    },
    async stopPeer() {
      await peer.close();
      peerUp = false;
    },
    async restartPeer() {
      peer = await startPeer(port);
      peerUp = true;
    },
    async close() {
      await served.close();
      await odoo.close();
      if (peerUp) await peer.close();
      // The outbox may still be writing its last push as the folder goes: rm retries on ENOTEMPTY.
      await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
  };
}

export type LocalHarness = Awaited<ReturnType<typeof startLocalHarness>>;

/** The AppError a call fails with (the test fails if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => new Error('expected the call to fail, but it succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError)) throw outcome;
  return outcome;
}

/** Polls a condition (no sleeps standing in for it): resolves when it holds, fails after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export async function storeListId(h: LocalHarness): Promise<number> {
  const { lists } = await h.api.call('marketing.lists', { storeId: STORE_ID });
  const first = lists[0];
  if (!first) throw new Error('the demo store has no list');
  return first.id;
}
