import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createKeychainStore } from '../../../src/main/core/secrets';
import { PASSPHRASE_ACCOUNT } from '../../../src/main/core/session/passphrase';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { createApi, type Client } from '../../../src/renderer/src/api/client';
import { ipcTransport } from '../../../src/renderer/src/api/ipc-transport';
import type { AppContract } from '../../../src/shared/contract';
import type { MarkketBridge } from '../../../src/shared/ipc-channels';
import { startEgressRecorder, type EgressRecorder } from '../../support/egress-recorder';
import { createFakeElectron, runSandboxedPreload, type FakeElectron } from '../../support/fake-electron';
import { captureLog, scanFolder, scanTexts } from '../../support/leak-scan';
import { CLINIC_ODOO_HOST, PATIENTS, runWorkingDay, STORE_ID } from './clinic-day';

/**
 * Issue 18 through the desktop app's own boot path: the built main bundle (everything but the
 * Electron binary, which the fake of issue 14 stands in for) starts a HIPAA clinic's profile with
 * the egress recorder already running, then the clinic's whole working day goes through the window's
 * IPC. The start and the day contact the clinic's Odoo and nothing else: no update check, crash
 * reporter, font or DNS question. And what the app hands the operating system (window titles,
 * notifications, the recent-documents list, the save dialog's suggested names, the log) names no patient.
 * Uses the OS keychain (run inside the test keyring session, as `npm test` does) and needs
 * `electron-vite build` first.
 */
const root = resolve(__dirname, '../../..');
const mainBundle = join(root, 'out/main/index.js');
const preloadBundle = join(root, 'out/preload/index.cjs');
const keychain = createKeychainStore({ service: 'markket-console' });

let recorder: EgressRecorder;
let odoo: OdooPeer;
let fake: FakeElectron;
let userData: string;
let api: Client<AppContract>;
let apiPort: number;
let log: ReturnType<typeof captureLog>;
let bootRecords: number;
let afterStart: string[];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Resolves once nothing listens on the port any more (the app's loopback host has closed). */
async function portClosed(port: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((answer) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), answer(true))).once('error', () => answer(false));
    });
    if (!open) return;
  }
}

const odooAddress = () => `${CLINIC_ODOO_HOST}:${odoo.port}`;
const ownAddress = () => `127.0.0.1:${apiPort}`;
const sinceBoot = () => recorder.records.slice(bootRecords);

beforeAll(async () => {
  if (!existsSync(mainBundle) || !existsSync(preloadBundle)) throw new Error('Build the app first: npx electron-vite build');
  recorder = startEgressRecorder();
  log = captureLog();
  odoo = await startOdooPeer({ host: CLINIC_ODOO_HOST, seed: 'demo', contactCount: 40 });
  userData = await mkdtemp(join(tmpdir(), 'markket-desktop-clinic-'));
  // The clinic set its profile up in an earlier run: HIPAA mode, its own Odoo, the key in the keychain.
  const profiles = createProfileManager({ store: createProfileStore({ cwd: userData, secrets: keychain }), createOdooClient });
  await profiles.create({
    name: 'Riverside Family Clinic', kind: 'own-odoo', activate: true, hipaa: { enabled: true },
    odoo: { url: odoo.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' }, storeIds: [STORE_ID], secrets: { odooApiKey: DEMO_API_KEY },
  });

  apiPort = await freePort();
  process.env.MARKKET_API_PORT = String(apiPort);
  process.env.MARKKET_API_TOKEN = 'desktop-clinic-token-0123456789abcdef0123456789';
  delete process.env.ELECTRON_RENDERER_URL;
  bootRecords = recorder.records.length;
  fake = createFakeElectron({ userData, documents: join(userData, 'Documents') });
  vi.doMock('electron', () => fake.module);
  await import(mainBundle);
  fake.ready();
  await fake.firstLoad;
  runSandboxedPreload(fake, preloadBundle);
  api = createApi(ipcTransport(fake.exposed.get('markket') as MarkketBridge));
  // The first thing the window asks: whether it is locked, and the overview (the first Odoo call).
  await api.call('session.status', {});
  await api.call('marketing.overview', { storeId: STORE_ID });
  afterStart = recorder.destinations({ except: [ownAddress()] });
  await runWorkingDay({ api, odoo, baseUrl: `http://127.0.0.1:${apiPort}` }, { sendgrid: false });
}, 180_000);

afterAll(async () => {
  log?.stop();
  // Leave the test keyring as it was: the profile's keys go with it, and the app passphrase.
  const { profile } = await api.call('profiles.active', {});
  if (profile) await api.call('profiles.delete', { id: profile.id });
  await keychain.delete(PASSPHRASE_ACCOUNT);
  fake.module.app.emit('window-all-closed');
  await portClosed(apiPort);
  delete process.env.MARKKET_API_PORT;
  delete process.env.MARKKET_API_TOKEN;
  recorder?.stop();
  await odoo?.close();
  await rm(userData, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
}, 60_000);

describe("a HIPAA clinic's desktop app, from its start through the working day", () => {
  it("starts contacting the clinic's Odoo and no other host", () => {
    expect(afterStart, recorder.describe({ except: [ownAddress(), odooAddress()] })).toEqual([odooAddress()]);
  });

  it("the whole day reached the clinic's Odoo only: no other host, no DNS question, no other program or worker thread", () => {
    const destinations = recorder.destinations({ except: [ownAddress()] });
    expect(destinations, recorder.describe({ except: [ownAddress(), odooAddress()] })).toEqual([odooAddress()]);
    expect(sinceBoot().filter((r) => r.kind === 'dns')).toEqual([]);
    expect(recorder.spawned()).toEqual([]);
    expect(recorder.workers()).toEqual([]);
  });

  it('names no patient in window titles, notifications, recent documents, save dialogs or the log', () => {
    expect(fake.titles).toEqual(['Markket Marketing Console']);
    const handedToOs = [
      ...fake.titles.map((text) => ({ where: 'window title', text })),
      ...fake.notifications.map((n) => ({ where: 'notification', text: `${n.title ?? ''} ${n.body ?? ''}` })),
      ...fake.recentDocuments.map((text) => ({ where: 'recent documents', text })),
      ...fake.saveDialogs.map((text) => ({ where: 'save dialog', text })),
      ...log.lines.map((text) => ({ where: 'log', text })),
    ];
    expect(scanTexts(handedToOs, PATIENTS)).toEqual([]);
  });

  it("names no patient in the app's data folder outside sealed files", async () => {
    const found = await api.call('marketing.subscribers.list', { storeId: STORE_ID, search: PATIENTS[3].name });
    expect(found.subscribers.map((s) => s.email)).toContain(PATIENTS[3].email);
    expect(await scanFolder(userData, PATIENTS)).toEqual([]);
  });
});
